// pmr_queue_tree_tool - drives effects/queue_tree.h from the command line, for compare.sh.
//
//   pmr_queue_tree_tool build [--default-config-directory DIR]
//                             [--multi-instance-directories LIST] NAME=VALUE...
//       What `postfix -c $config_directory set-permissions` does, natively. NAME=VALUE are the
//       instance's expanded installation parameters (config_directory and meta_directory are
//       required). The scope follows post-install: only the instance's own records when
//       config_directory is listed in LIST (the primary's multi_instance_directories), every
//       record otherwise. Prints each change made, one per line.
//   pmr_queue_tree_tool plan ...    the same arguments; prints the steps, changes nothing.
//   pmr_queue_tree_tool remove QUEUE_DIRECTORY DATA_DIRECTORY
//       What `postmulti -e destroy` does to the queue tree; prints postmulti's warnings.
#include <iostream>
#include <optional>
#include <string>
#include <vector>

#include "core/postfix_files/permission_plan.h"
#include "core/postfix_files/scope.h"
#include "effects/postfix_files_loader.h"
#include "effects/queue_tree.h"

namespace {

using namespace pmr;

int fail(const std::string& message) {
    std::cerr << "pmr_queue_tree_tool: error: " << message << '\n';
    return 1;
}

int usage() {
    return fail(
        "usage: pmr_queue_tree_tool build|plan [--default-config-directory DIR] "
        "[--multi-instance-directories LIST] NAME=VALUE... | remove QUEUE DATA");
}

std::optional<postfix_files::Target> target_from(const std::vector<std::string>& args) {
    postfix_files::Target target;
    std::string default_config_directory = "/etc/postfix";
    std::optional<std::string> listed;
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (args[i] == "--default-config-directory" && i + 1 < args.size()) {
            default_config_directory = args[++i];
        } else if (args[i] == "--multi-instance-directories" && i + 1 < args.size()) {
            listed = args[++i];
        } else if (const std::size_t eq = args[i].find('='); eq != std::string::npos) {
            target.parameters[args[i].substr(0, eq)] = args[i].substr(eq + 1);
        } else {
            return std::nullopt;
        }
    }
    const std::string config_directory = target.parameters["config_directory"];
    target.scope =
        postfix_files::scope_for_instance(config_directory, default_config_directory, listed);
    target.default_instance = config_directory == default_config_directory;
    return target;
}

int plan(const postfix_files::Target& target) {
    auto files = effects::load_postfix_files(target.parameters.at("meta_directory"));
    if (!files)
        return fail(files.error());
    const auto planned = postfix_files::plan_set_permissions(files->entries, target);
    for (const Diagnostic& d : files->diagnostics)
        std::cerr << d.to_string() << '\n';
    for (const Diagnostic& d : planned.diagnostics)
        std::cerr << d.to_string() << '\n';
    for (const auto& step : planned.steps)
        std::cout << postfix_files::to_string(step) << '\n';
    return has_errors(files->diagnostics) || has_errors(planned.diagnostics) ? 1 : 0;
}

int build(const postfix_files::Target& target) {
    std::vector<effects::TreeChange> changes;
    const Status status =
        effects::build_queue_tree(target.parameters.at("meta_directory"), target, &changes);
    for (const auto& change : changes)
        std::cout << effects::to_string(change) << '\n';
    return status.ok() ? 0 : fail(status.error());
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    if (args.empty())
        return usage();
    const std::string command = args[0];
    const std::vector<std::string> rest(args.begin() + 1, args.end());
    if (command == "remove") {
        if (rest.size() != 2)
            return usage();
        for (const auto& leftover : effects::remove_queue_tree(rest[0], rest[1])) {
            std::cout << leftover.warning() << '\n';
        }
        return 0;
    }
    if (command != "build" && command != "plan")
        return usage();
    const auto target = target_from(rest);
    if (!target)
        return usage();
    for (const char* needed : {"config_directory", "meta_directory"}) {
        if (!target->parameters.contains(needed))
            return fail(std::string(needed) + " not given");
    }
    return command == "plan" ? plan(*target) : build(*target);
}
