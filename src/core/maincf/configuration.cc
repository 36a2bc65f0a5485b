#include "core/maincf/configuration.h"

namespace pmr::maincf {

namespace {

/// Looks names up as postconf evaluates `myhostname` to derive `mydomain`: in main.cf alone,
/// plus config_directory, which Postfix enters into the same table before it reads main.cf.
class MainCfLookup final : public ParameterLookup {
  public:
    MainCfLookup(const MainCf& main_cf, const ParameterDefaults& defaults)
        : main_cf_(main_cf), defaults_(defaults) {}
    [[nodiscard]] std::optional<std::string_view> raw_value(std::string_view name) const override {
        if (auto value = main_cf_.get(name))
            return value;
        if (name == "config_directory")
            return defaults_.get(name);
        return std::nullopt;
    }

  private:
    const MainCf& main_cf_;
    const ParameterDefaults& defaults_;
};

}  // namespace

Configuration::Configuration(const MainCf& main_cf, const ParameterDefaults& defaults)
    : main_cf_(main_cf), defaults_(defaults) {
    const auto myhostname = main_cf_.get("myhostname");
    if (!myhostname || main_cf_.get("mydomain"))
        return;
    const Expansion hostname = expand(*myhostname, MainCfLookup(main_cf_, defaults_));
    if (!hostname.ok()) {
        mydomain_failure_ = hostname.errors.front();  // postconf: fatal: ...
        return;
    }
    const std::size_t dot = hostname.value.find('.');
    derived_mydomain_ = dot == std::string::npos ? "localdomain" : hostname.value.substr(dot + 1);
}

Configuration::Configuration(const MainCf& main_cf, const ParameterDefaults& defaults,
                             std::string config_directory)
    : Configuration(main_cf, defaults) {
    config_directory_ = std::move(config_directory);
}

std::optional<std::string_view> Configuration::raw_value(std::string_view name) const {
    if (!is_read_only_parameter(name)) {
        if (auto value = main_cf_.get(name))
            return value;
    }
    if (config_directory_ && name == "config_directory")
        return *config_directory_;
    if (derived_mydomain_ && name == "mydomain")
        return *derived_mydomain_;
    return defaults_.get(name);
}

Status Configuration::check_lookup(std::string_view name) const {
    if (mydomain_failure_ && name == "mydomain")
        return Status::failure(*mydomain_failure_);
    return ok_status();
}

Expansion Configuration::expanded(std::string_view name) const {
    if (const Status lookup = check_lookup(name); !lookup)
        return {{}, {lookup.error()}};
    const auto value = raw_value(name);
    if (!value)
        return {};
    if (is_raw_parameter(name))
        return {std::string(*value), {}};
    return expand(*value, *this);
}

std::string Configuration::expanded_or(std::string_view name, std::string_view fallback) const {
    Expansion expansion = expanded(name);
    return expansion.ok() ? std::move(expansion.value) : std::string(fallback);
}

}  // namespace pmr::maincf
