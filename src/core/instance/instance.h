#pragma once

#include <string>

namespace pmr::instance {

/// One Postfix instance as postmulti sees it: identified by its config directory.
struct Instance {
    std::string config_directory;
    std::string queue_directory;
    std::string data_directory;
    std::string name;   ///< multi_instance_name; empty when unset
    std::string group;  ///< multi_instance_group; empty when unset
    bool enabled = false;
    bool primary = false;

    /// The name, or the config directory for an unnamed instance (postmulti's INSTANCE_NAME).
    [[nodiscard]] const std::string& label() const {
        return name.empty() ? config_directory : name;
    }

    friend bool operator==(const Instance&, const Instance&) = default;
};

/// The prefix every non-empty instance name must have.
inline constexpr std::string_view name_prefix = "postfix-";

}  // namespace pmr::instance
