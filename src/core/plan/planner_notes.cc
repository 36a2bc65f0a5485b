#include "core/plan/planner_state.h"

namespace pmr::plan::detail {

void Planner::note_owed_reload(const Instance& i) {
    const std::string who = i.primary ? "the primary instance (" + i.config_directory + ")"
                                      : (i.name.empty() ? i.config_directory
                                                        : i.name + " (" + i.config_directory + ")");
    const std::string work = owed_restarts_.contains(i.config_directory) ? "restart" : "reload";
    plan_.notes.push_back(who + " still owes a " + work +
                          ": an earlier apply changed its configuration and stopped before the " +
                          work + " succeeded.");
}

void Planner::note_possible_renames(const HostState& initial) {
    std::vector<std::string> created;
    for (const Step& step : plan_.steps) {
        if (step.kind == StepKind::create)
            created.push_back(step.instance);
    }
    if (created.empty())
        return;
    std::set<std::string> listed;
    for (const Target& t : targets_)
        listed.insert(t.config_directory());
    for (const Instance& i : initial.instances) {
        if (i.primary || listed.contains(i.config_directory))
            continue;
        const std::string who = i.name.empty() ? "the instance in " + i.config_directory
                                               : i.name + " (" + i.config_directory + ")";
        std::string instead = created.front();
        for (std::size_t k = 1; k < created.size(); ++k) {
            instead += (k + 1 == created.size() ? " or " : ", ") + created[k];
        }
        plan_.notes.push_back(
            who + " is on the host but not in the manifest; to rename it instead of creating " +
            instead + ", give " + (created.size() == 1 ? "" : "that entry ") +
            "config_directory: " + i.config_directory + ".");
    }
}

}  // namespace pmr::plan::detail
