#include "core/plan/planner.h"

#include <algorithm>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "core/manifest/directories.h"
#include "core/plan/planner_state.h"

namespace pmr::plan {

namespace detail {

Planner::Planner(const manifest::Manifest& manifest, lifecycle::SimulatedHost& host,
                 const maincf::ParameterDefaults& defaults,
                 const std::vector<lifecycle::OwedWork>& owed)
    : manifest_(manifest), host_(host), defaults_(defaults) {
    for (const lifecycle::OwedWork& work : owed) {
        owed_reloads_.insert(work.config_directory);
        if (work.kind == lifecycle::OwedKind::restart)
            owed_restarts_.insert(work.config_directory);
    }
}

PlanResult Planner::run() {
    const auto initial = current();
    if (!initial)
        return finish();
    primary_directory_ = initial->primary().config_directory;
    for (const std::string& d : initial->secondary_directories())
        listed_before_.insert(d);
    // Each phase plans on the host that the phases before it leave: after a failure that is
    // not the host apply would reach, so planning stops after the first phase that fails.
    const std::function<void()> phases[] = {[&] { resolve_targets(*initial); },
                                            [&] { plan_init(*initial); },
                                            [&] { plan_stops(); },
                                            [&] { plan_removals(); },
                                            [&] { plan_disables(); },
                                            [&] { plan_renames(); },
                                            [&] { plan_additions(); },
                                            [&] { plan_parameters(); },
                                            [&] { plan_order(); },
                                            [&] { plan_enables(); },
                                            [&] { plan_reloads(); },
                                            [&] { plan_starts(); },
                                            [&] { note_possible_renames(*initial); }};
    for (const std::function<void()>& phase : phases) {
        phase();
        if (failed())
            break;
    }
    return finish();
}

PlanResult Planner::finish() {
    PlanResult result;
    result.problems = std::move(problems_);
    if (!has_errors(result.problems))
        result.plan = std::move(plan_);
    return result;
}

void Planner::resolve_targets(const HostState& state) {
    const manifest::Directories primary = manifest::directories_of(state.primary());
    for (const DesiredInstance& d : manifest_.instances)
        targets_.push_back(Target{&d, manifest::directories_of(d, primary, &*index_)});
    // Two entries that mean one instance (one by its name on the host, the other by its
    // config directory) would each undo what the other plans.
    std::unordered_map<std::string_view, const DesiredInstance*> first_meaning;
    for (const Target& t : targets_) {
        if (t.config_directory().empty())
            continue;
        const auto [first, inserted] = first_meaning.try_emplace(t.config_directory(), t.desired);
        if (inserted)
            continue;
        fail_at(*t.desired, t.desired->name + ": the instance in " + t.config_directory() +
                                " is also meant by the entry of " + first->second->name +
                                " at line " + std::to_string(first->second->position.line));
    }
}

bool Planner::wants_instances() const {
    return std::ranges::any_of(
        targets_, [](const Target& t) { return t.desired->state == DesiredState::present; });
}

void Planner::plan_init(const HostState& state) {
    if (!wants_instances())
        return;
    if (!state.multi_instance_wrapper.empty() && state.multi_instance_enable == "yes")
        return;
    const maincf::MainCf& primary = main_cf_of(primary_directory_);
    auto before = [&](std::string_view name) -> std::optional<std::string> {
        if (auto v = primary.get(name))
            return std::string(*v);
        return std::nullopt;
    };
    Request r;
    r.mode = postmulti::Mode::edit;
    r.action = Action::init;
    std::vector<Change> changes;
    for (Change c : {Change{"multi_instance_wrapper", before("multi_instance_wrapper"),
                            "${command_directory}/postmulti -p --"},
                     Change{"multi_instance_enable", before("multi_instance_enable"), "yes"}}) {
        if (c.before != c.after)
            changes.push_back(std::move(c));  // only what changes
    }
    add_request_step(StepKind::init, r, "-", std::move(changes));
}

}  // namespace detail

PlanResult make_plan(const manifest::Manifest& manifest, lifecycle::SimulatedHost host,
                     const maincf::ParameterDefaults& defaults,
                     const std::vector<lifecycle::OwedWork>& owed) {
    PlanResult result = detail::Planner(manifest, host, defaults, owed).run();
    if (result.plan)
        result.host_after = std::move(host);
    return result;
}

}  // namespace pmr::plan
