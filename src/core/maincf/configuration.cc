#include "core/maincf/configuration.h"

namespace pmr::maincf {

std::optional<std::string_view> Configuration::raw_value(std::string_view name) const {
    if (auto value = main_cf_.get(name)) return value;
    return defaults_.get(name);
}

Expansion Configuration::expanded(std::string_view name) const {
    const auto value = raw_value(name);
    if (!value) return {};
    return expand(*value, *this);
}

std::string Configuration::expanded_or(std::string_view name, std::string_view fallback) const {
    Expansion expansion = expanded(name);
    return expansion.ok() ? std::move(expansion.value) : std::string(fallback);
}

}  // namespace pmr::maincf
