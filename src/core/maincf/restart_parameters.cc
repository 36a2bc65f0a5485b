#include "core/maincf/restart_parameters.h"

#include <algorithm>
#include <array>

namespace pmr::maincf {

bool requires_restart(std::string_view name) {
    static constexpr std::array<std::string_view, 10> parameters = {
        "inet_interfaces",  "inet_protocols",    "queue_directory", "data_directory",
        "daemon_directory", "command_directory", "meta_directory",  "shlib_directory",
        "mail_owner",       "setgid_group"};
    return std::ranges::find(parameters, name) != parameters.end();
}

}  // namespace pmr::maincf
