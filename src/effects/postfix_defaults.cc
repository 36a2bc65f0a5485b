#include "effects/postfix_defaults.h"

#include <unistd.h>

#include <spdlog/spdlog.h>

namespace pmr::effects {

maincf::ParameterDefaults load_parameter_defaults(ProcessRunner& runner,
                                                  const std::string& postconf) {
    if (::access(postconf.c_str(), X_OK) != 0) {
        spdlog::debug("{} not found: using built-in Postfix 3.7 defaults", postconf);
        return maincf::ParameterDefaults::builtin();
    }
    // MAIL_CONFIG must not redirect postconf: compile-time defaults do not depend on it.
    auto result = runner.run(Command{{postconf, "-d"}, std::vector<std::string>{"LANG=C"}, true});
    if (!result || !result->succeeded()) {
        spdlog::warn("{} -d failed: using built-in Postfix 3.7 defaults", postconf);
        return maincf::ParameterDefaults::builtin();
    }
    Diagnostics problems;
    auto defaults =
        maincf::ParameterDefaults::from_postconf_output(result->output, postconf + " -d", problems);
    for (const Diagnostic& problem : problems) spdlog::debug("{}", problem.to_string());
    return defaults;
}

}  // namespace pmr::effects
