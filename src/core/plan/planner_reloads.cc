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

}  // namespace pmr::plan::detail
