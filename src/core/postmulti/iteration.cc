#include "core/postmulti/iteration.h"

#include <algorithm>

namespace pmr::postmulti {

namespace {

using instance::HostState;
using instance::Instance;
using instance::Selection;

bool contains(const std::vector<std::string>& words, const std::string& word) {
    return std::ranges::find(words, word) != words.end();
}

Selection effective_selection(const Request& request) {
    return request.selection.kind == Selection::Kind::none ? Selection::all() : request.selection;
}

/// The instances in iteration order.
std::vector<const Instance*> ordered(const HostState& state, bool reverse) {
    std::vector<const Instance*> instances;
    for (const Instance& i : state.instances)
        instances.push_back(&i);
    if (reverse)
        std::ranges::reverse(instances);
    return instances;
}

}  // namespace

std::string plan_listing(const HostState& state, const Request& request) {
    const Selection selection = effective_selection(request);
    std::string text;
    for (const Instance* i : ordered(state, request.reverse)) {
        if (selection.matches(*i))
            text += instance::list_line(*i);
    }
    return text;
}

IterationPlan plan_iteration(const HostState& state, const Request& request) {
    const Selection selection = effective_selection(request);
    bool reverse = request.reverse;
    bool skip_disabled = false;
    bool check_disabled = false;
    std::vector<std::string> argv;
    if (request.mode == Mode::postfix) {
        const std::string& command = request.arguments.front();
        reverse = false;
        if (contains(state.start_commands, command)) {
            check_disabled = true;
        } else if (contains(state.stop_commands, command)) {
            skip_disabled = true;
            reverse = true;
        } else if (contains(state.control_commands, command)) {
            skip_disabled = true;
        }
        argv = {state.shared.command_directory + "/postfix", "--"};
    }
    argv.insert(argv.end(), request.arguments.begin(), request.arguments.end());

    IterationPlan plan;
    for (const Instance* i : ordered(state, reverse)) {
        if (skip_disabled && !i->enabled)
            continue;
        if (!selection.matches(*i))
            continue;
        InstanceRun run{
            .instance = i, .argv = argv, .environment = {{"MAIL_CONFIG", i->config_directory}}};
        if (request.mode == Mode::postfix) {
            if (check_disabled && !i->enabled)
                run.argv[2] = "check";
        } else {
            run.environment.insert(run.environment.end(),
                                   {{"daemon_directory", state.shared.daemon_directory},
                                    {"command_directory", state.shared.command_directory},
                                    {"config_directory", i->config_directory},
                                    {"queue_directory", i->queue_directory},
                                    {"data_directory", i->data_directory},
                                    {"multi_instance_name", i->name},
                                    {"multi_instance_group", i->group},
                                    {"multi_instance_enable", i->enabled ? "yes" : "no"}});
            run.prepend_command_directory = true;
        }
        plan.runs.push_back(std::move(run));
    }
    if (plan.runs.empty())
        plan.fatal = "No matching instances";
    return plan;
}

}  // namespace pmr::postmulti
