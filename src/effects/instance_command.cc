#include "effects/instance_command.h"

#include <cstdlib>
#include <map>

#include "effects/process_runner.h"

extern char** environ;

namespace pmr::effects {

namespace {

constexpr const char* root_path = "/bin:/usr/bin:/sbin:/usr/sbin";  // Postfix's ROOT_PATH

}  // namespace

Expected<int> run_instance_command(const postmulti::InstanceRun& run,
                                   const std::string& command_directory, bool verbose) {
    std::map<std::string, std::string> variables;
    std::vector<std::string> order;  // keep the inherited order, append new names
    for (char** entry = environ; *entry != nullptr; ++entry) {
        const std::string text(*entry);
        const auto equals = text.find('=');
        if (equals == std::string::npos)
            continue;
        const std::string name = text.substr(0, equals);
        if (variables.emplace(name, text.substr(equals + 1)).second)
            order.push_back(name);
    }
    auto put = [&](const std::string& name, const std::string& value) {
        if (variables.insert_or_assign(name, value).second)
            order.push_back(name);
    };
    // postmulti sets MAIL_VERBOSE in its own environment (-v), its child the run's variables.
    if (verbose)
        put("MAIL_VERBOSE", "");
    for (const auto& [name, value] : run.environment)
        put(name, value);
    if (run.prepend_command_directory) {
        auto current = variables.find("PATH");
        const std::string path =
            current != variables.end() && !current->second.empty() ? current->second : root_path;
        put("PATH", command_directory + ":" + path);
    }
    std::vector<std::string> environment;
    environment.reserve(order.size());
    for (const std::string& name : order)
        environment.push_back(name + "=" + variables[name]);

    // postmulti's child runs execvp(3) and words its failure `execvp NAME: REASON` (postmulti.c).
    Command command{.argv = run.argv,
                    .environment = std::move(environment),
                    .start_failure_label = "execvp " + run.argv[0],
                    .execvp_in_child = true};
    RealProcessRunner runner;
    auto result = runner.run(command);
    if (!result)
        return Expected<int>::failure(result.error());
    return result->signaled ? 1 : result->exit_status;
}

}  // namespace pmr::effects
