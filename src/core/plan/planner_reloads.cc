#include "core/plan/planner_state.h"

namespace pmr::plan::detail {

void Planner::plan_enables() {
    for (const Target& t : present_targets()) {
        if (failed())
            return;
        const auto state = current();
        if (!state)
            return;
        const Instance* i = find(*state, t.config_directory());
        if (i && t.desired->enable == true && !i->enabled) {
            add_request_step(StepKind::enable, request(Action::enable, t.config_directory()),
                             label(*i), {{"multi_instance_enable", "no", "yes"}});
        }
    }
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
        add_step(StepKind::reload, label(i), i.config_directory, {},
                 {lifecycle::RunPostfix{i.config_directory, lifecycle::PostfixCommand::reload}});
        if (owed)
            note_owed_reload(i);
    }
}

}  // namespace pmr::plan::detail
