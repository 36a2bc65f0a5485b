#include "core/instance/selection.h"

namespace pmr::instance {

namespace {

bool has_prefix(std::string_view name) {
    return name.starts_with(name_prefix);
}

}  // namespace

bool Selection::matches(const Instance& instance) const {
    switch (kind) {
        case Kind::none:
            return false;
        case Kind::all:
            return true;
        case Kind::group:
            return !instance.group.empty() && instance.group == value;
        case Kind::name: {
            if (instance.primary && value == "-")
                return true;
            std::string_view candidate;
            if (value.starts_with('/') || instance.name.empty()) {
                candidate = instance.config_directory;
            } else if (!has_prefix(value) && has_prefix(instance.name)) {
                candidate = std::string_view(instance.name).substr(name_prefix.size());
            } else {
                candidate = instance.name;
            }
            return candidate == value;
        }
    }
    return false;
}

}  // namespace pmr::instance
