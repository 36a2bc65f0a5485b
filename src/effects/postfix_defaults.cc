#include "effects/postfix_defaults.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

namespace pmr::effects {

namespace {

maincf::ParameterDefaults parse_output(const std::string& output, const std::string& origin) {
    Diagnostics problems;
    auto defaults = maincf::ParameterDefaults::from_postconf_output(output, origin, problems);
    for (const Diagnostic& problem : problems)
        spdlog::debug("{}", problem.to_string());
    return defaults;
}

}  // namespace

LoadedDefaults load_parameter_defaults(ProcessRunner& runner, const std::string& postconf,
                                       const DefaultsCache* cache) {
    if (::access(postconf.c_str(), X_OK) != 0) {
        spdlog::debug("{} not found: using built-in Postfix 3.7 defaults", postconf);
        return {maincf::ParameterDefaults::builtin(), std::nullopt};
    }
    if (cache != nullptr) {
        if (auto cached = cache->read()) {
            spdlog::debug("{} -d: using the cached output", postconf);
            return {parse_output(*cached, postconf + " -d"), std::nullopt};
        }
    }
    // MAIL_CONFIG must not redirect postconf: compile-time defaults do not depend on it.
    auto result = runner.run(Command{.argv = {postconf, "-d"},
                                     .environment = std::vector<std::string>{"LANG=C"},
                                     .capture_output = true});
    if (!result || !result->succeeded()) {
        spdlog::warn("{} -d failed: using built-in Postfix 3.7 defaults", postconf);
        return {maincf::ParameterDefaults::builtin(), std::nullopt};
    }
    return {parse_output(result->output, postconf + " -d"), result->output};
}

}  // namespace pmr::effects
