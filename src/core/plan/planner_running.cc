#include <algorithm>
#include <set>

#include "core/lifecycle/destroy_guard.h"
#include "core/maincf/restart_parameters.h"
#include "core/plan/planner_state.h"

namespace pmr::plan::detail {

lifecycle::RunPostfix Planner::run_postfix(const Instance& i, lifecycle::PostfixCommand command) {
    return lifecycle::RunPostfix{i.config_directory, command, i.primary ? "-" : i.name,
                                 i.queue_directory};
}

std::optional<bool> Planner::wanted_running(const Instance& i) const {
    if (i.primary)
        return manifest_.primary_running;
    for (const Target& t : targets_) {
        if (t.desired->state == DesiredState::present && t.config_directory() == i.config_directory)
            return t.desired->running;
    }
    return std::nullopt;
}

bool Planner::removal_goes_ahead(const Instance& i, bool destroy) const {
    // A destroy refused for queued mail leaves the instance as it is, running included.
    return !destroy ||
           lifecycle::check_queue_empty(host_.facts(i.config_directory).queued_messages);
}

std::set<std::string> Planner::instances_to_stop(const HostState& state) const {
    std::set<std::string> stop;
    std::set<std::string> listed;
    for (const Target& t : targets_) {
        listed.insert(t.config_directory());
        const Instance* i = find(state, t.config_directory());
        if (i == nullptr)
            continue;
        const bool goes =
            t.desired->state == DesiredState::absent
                ? !i->primary && removal_goes_ahead(*i, true)
                : t.desired->running == false || (t.desired->enable == false && i->enabled);
        if (goes)
            stop.insert(i->config_directory);
    }
    if (manifest_.unmanaged != manifest::Unmanaged::keep) {
        const bool destroy = manifest_.unmanaged == manifest::Unmanaged::destroy;
        for (const Instance& i : state.instances) {
            if (!i.primary && !listed.contains(i.config_directory) &&
                removal_goes_ahead(i, destroy))
                stop.insert(i.config_directory);
        }
    }
    if (manifest_.primary_running == false)
        stop.insert(state.primary().config_directory);
    std::erase_if(stop, [&](const std::string& d) { return !host_.facts(d).running; });
    return stop;
}

void Planner::plan_stops() {
    const auto state = current();
    if (!state)
        return;
    const std::set<std::string> stop = instances_to_stop(*state);
    // postfix stop through the wrapper stops the instances in the reverse of their start order.
    for (auto i = state->instances.rbegin(); i != state->instances.rend() && !failed(); ++i) {
        if (stop.contains(i->config_directory)) {
            add_step(StepKind::stop, label(*i), i->config_directory, {},
                     {run_postfix(*i, lifecycle::PostfixCommand::stop)});
        }
    }
}

bool Planner::needs_restart(const std::string& config_directory) const {
    if (owed_restarts_.contains(config_directory))
        return true;
    return std::ranges::any_of(plan_.steps, [&](const Step& step) {
        return step.config_directory == config_directory &&
               std::ranges::any_of(step.changes, [](const Change& change) {
                   return maincf::requires_restart(change.name);
               });
    });
}

void Planner::plan_reloads() {
    const auto state = current();
    if (!state)
        return;
    for (const Instance& i : state->instances) {
        const bool edited = edited_.contains(i.config_directory);
        const bool owed = owed_reloads_.contains(i.config_directory);
        if (!edited && !owed)
            continue;
        if (!host_.facts(i.config_directory).running)
            continue;
        if (needs_restart(i.config_directory)) {
            add_step(StepKind::restart, label(i), i.config_directory, {},
                     {run_postfix(i, lifecycle::PostfixCommand::stop),
                      run_postfix(i, lifecycle::PostfixCommand::start)});
        } else {
            // A reload always goes through postfix(1) and asks nothing first: without a unit name
            // or queue directory, its operation (and digest) is what it was before #16.
            add_step(
                StepKind::reload, label(i), i.config_directory, {},
                {lifecycle::RunPostfix{i.config_directory, lifecycle::PostfixCommand::reload}});
        }
        if (owed)
            note_owed_reload(i);
    }
}

void Planner::plan_starts() {
    const auto state = current();
    if (!state)
        return;
    // In postfix start's order: the primary, then multi_instance_directories.
    for (const Instance& i : state->instances) {
        if (failed())
            return;
        if (host_.facts(i.config_directory).running)
            continue;
        const std::optional<bool> wanted = wanted_running(i);
        // A restart that an earlier apply cut short after its stop owes the start.
        const bool owed = owed_restarts_.contains(i.config_directory);
        if (wanted == true || (!wanted && owed)) {
            add_step(StepKind::start, label(i), i.config_directory, {},
                     {run_postfix(i, lifecycle::PostfixCommand::start)});
            if (owed)
                note_owed_reload(i);
        }
    }
}

}  // namespace pmr::plan::detail
