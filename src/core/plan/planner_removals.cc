#include <algorithm>
#include <variant>

#include "core/lifecycle/destroy_guard.h"
#include "core/plan/planner_state.h"

namespace pmr::plan::detail {

void Planner::quiesce(const Instance& instance) {
    if (host_.facts(instance.config_directory).running) {
        add_step(StepKind::stop, label(instance), instance.config_directory, {},
                 {run_postfix(instance, lifecycle::PostfixCommand::stop)});
    }
    if (instance.enabled) {
        add_request_step(StepKind::disable, request(Action::disable, instance.config_directory),
                         label(instance), {{"multi_instance_enable", "yes", "no"}});
    }
}

void Planner::remove(const Instance& instance, bool destroy) {
    const auto facts = host_.facts(instance.config_directory);
    if (const Status empty = lifecycle::check_queue_empty(facts.queued_messages);
        destroy && !empty) {
        plan_.refusals.push_back(
            Refusal{label(instance), instance.config_directory, empty.error()});
        return;
    }
    quiesce(instance);
    const auto state = current();
    if (!state)
        return;
    const Instance* now = find(*state, instance.config_directory);
    if (now == nullptr)
        return;
    if (destroy) {
        const std::vector<Operation> runtime_leftovers = runtime_files_of(instance);
        // The queue is checked again just before the step: mail may arrive after planning.
        const auto context =
            effects_free_context{*state, main_cf_of(primary_directory_), defaults_, host_};
        auto edit = postmulti::plan_edit(context.get(),
                                         request(Action::destroy, instance.config_directory));
        if (edit.fatal) {
            fail("destroy " + label(instance) + ": " + edit.fatal->message);
            return;
        }
        lifecycle::guard_destroy(edit.operations, lifecycle::RequireEmptyQueue{
                                                      instance.config_directory,
                                                      instance.queue_directory, label(instance)});
        // What the stopped instance left (sockets, pid and lock files, never mail) goes
        // before its directories, or rmdir would leave them behind.
        const auto tree = std::ranges::find_if(edit.operations, [](const Operation& op) {
            return std::holds_alternative<lifecycle::RemoveQueueTree>(op);
        });
        edit.operations.insert(tree, runtime_leftovers.begin(), runtime_leftovers.end());
        add_step(StepKind::destroy, label(instance), instance.config_directory, {},
                 std::move(edit.operations));
    } else {
        add_request_step(
            StepKind::deport, request(Action::deport, instance.config_directory), label(instance),
            {{"alternate_config_directories", std::nullopt, instance.config_directory}});
    }
}

std::vector<Operation> Planner::runtime_files_of(const Instance& instance) const {
    std::vector<Operation> removals;
    auto directly_in = [](const std::string& path, const std::string& directory) {
        return path.size() > directory.size() + 1 && path.starts_with(directory + "/") &&
               path.find('/', directory.size() + 1) == std::string::npos;
    };
    for (const auto& [path, content] : host_.file_map()) {
        const bool runtime = directly_in(path, instance.queue_directory + "/pid") ||
                             directly_in(path, instance.queue_directory + "/public") ||
                             directly_in(path, instance.queue_directory + "/private") ||
                             path == instance.data_directory + "/master.lock" ||
                             path == instance.data_directory + "/prng_exch";
        if (runtime)
            removals.emplace_back(lifecycle::RemoveFile{path});
    }
    return removals;
}

void Planner::plan_removals() {
    const auto state = current();
    if (!state)
        return;
    std::set<std::string> listed;
    for (const Target& t : targets_)
        listed.insert(t.config_directory());
    for (const Target& t : targets_) {
        if (t.desired->state != DesiredState::absent)
            continue;
        if (const Instance* i = find(*state, t.config_directory()); i && !i->primary) {
            remove(*i, true);
        }
    }
    if (manifest_.unmanaged == manifest::Unmanaged::keep)
        return;
    for (const Instance& i : state->instances) {
        if (i.primary || listed.contains(i.config_directory))
            continue;
        remove(i, manifest_.unmanaged == manifest::Unmanaged::destroy);
    }
}

void Planner::plan_disables() {
    for (const Target& t : present_targets()) {
        const auto state = current();
        if (!state)
            return;
        const Instance* i = find(*state, t.config_directory());
        if (i && t.desired->enable == false && i->enabled)
            quiesce(*i);
    }
}

}  // namespace pmr::plan::detail
