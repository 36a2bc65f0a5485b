#include "cli/host_context.h"

#include "effects/postfix_defaults.h"
#include "effects/process_runner.h"

namespace pmr::cli {

namespace {

/// Postfix's compile-time command directory (postconf cannot tell where it is itself).
const std::string postconf_path = "/usr/sbin/postconf";

}  // namespace

HostContext load_host_context(const std::optional<std::string>& config_directory) {
    effects::RealProcessRunner runner;
    const effects::DefaultsCache cache(effects::DefaultsCache::default_path(), postconf_path);
    auto loaded = effects::load_parameter_defaults(runner, postconf_path, &cache);
    HostContext context{std::move(loaded.defaults), {}, {}, {}, {}};
    context.fresh_postconf_output = std::move(loaded.fresh_output);
    context.config_directory = config_directory.value_or(
        std::string(context.defaults.get("config_directory").value_or("/etc/postfix")));
    while (context.config_directory.size() > 1 && context.config_directory.back() == '/') {
        context.config_directory.pop_back();
    }
    context.command_directory =
        std::string(context.defaults.get("command_directory").value_or("/usr/sbin"));
    return context;
}

void keep_postconf_defaults(const HostContext& context) {
    if (!context.fresh_postconf_output)
        return;
    effects::DefaultsCache(effects::DefaultsCache::default_path(), postconf_path)
        .write(*context.fresh_postconf_output);
}

}  // namespace pmr::cli
