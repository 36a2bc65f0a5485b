#include "cli/host_context.h"

#include "effects/postfix_defaults.h"
#include "effects/process_runner.h"

namespace pmr::cli {

HostContext load_host_context(const std::optional<std::string>& config_directory) {
    effects::RealProcessRunner runner;
    HostContext context{effects::load_parameter_defaults(runner), {}, {}};
    context.config_directory =
        config_directory.value_or(std::string(context.defaults.get("config_directory").value_or(
            "/etc/postfix")));
    while (context.config_directory.size() > 1 && context.config_directory.back() == '/') {
        context.config_directory.pop_back();
    }
    context.command_directory =
        std::string(context.defaults.get("command_directory").value_or("/usr/sbin"));
    return context;
}

}  // namespace pmr::cli
