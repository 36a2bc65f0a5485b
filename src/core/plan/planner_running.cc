#include <algorithm>
#include <map>
#include <set>

#include "core/lifecycle/destroy_guard.h"
#include "core/maincf/restart_parameters.h"
#include "core/plan/planner_state.h"

namespace pmr::plan::detail {

lifecycle::RunPostfix Planner::run_postfix(const Instance& i, lifecycle::PostfixCommand command) {
    return lifecycle::RunPostfix{i.config_directory, command, i.primary ? "-" : i.name,
                                 i.queue_directory};
}

std::map<std::string, bool> Planner::wanted_running() const {
    std::map<std::string, bool> wanted;
    if (manifest_.primary_running)
        wanted.emplace(primary_directory_, *manifest_.primary_running);
    for (const Target& t : targets_) {
        if (t.desired->state == DesiredState::present && t.desired->running)
            wanted.emplace(t.config_directory(), *t.desired->running);
    }
    return wanted;
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

std::set<std::string> Planner::restart_directories() const {
    std::set<std::string> restart = owed_restarts_;
    for (const Step& step : plan_.steps) {
        if (std::ranges::any_of(step.changes, [](const Change& change) {
                return maincf::requires_restart(change.name);
            }))
            restart.insert(step.config_directory);
    }
    return restart;
}

void Planner::plan_reloads() {
    const auto state = current();
    if (!state)
        return;
    const std::set<std::string> restart = restart_directories();
    for (const Instance& i : state->instances) {
        const bool edited = edited_.contains(i.config_directory);
        const bool owed = owed_reloads_.contains(i.config_directory);
        if (!edited && !owed)
            continue;
        if (!host_.facts(i.config_directory).running)
            continue;
        if (restart.contains(i.config_directory)) {
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
    const std::map<std::string, bool> wanted = wanted_running();
    // In postfix start's order: the primary, then multi_instance_directories.
    for (const Instance& i : state->instances) {
        if (failed())
            return;
        if (host_.facts(i.config_directory).running)
            continue;
        const auto given = wanted.find(i.config_directory);
        // A restart that an earlier apply cut short after its stop owes the start.
        const bool owed = owed_restarts_.contains(i.config_directory);
        if (given != wanted.end() ? given->second : owed) {
            add_step(StepKind::start, label(i), i.config_directory, {},
                     {run_postfix(i, lifecycle::PostfixCommand::start)});
            if (owed)
                note_owed_reload(i);
        }
    }
}

}  // namespace pmr::plan::detail
