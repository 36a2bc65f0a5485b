#pragma once

#include <optional>

#include "core/lifecycle/owed_work.h"
#include "core/lifecycle/simulated_host.h"
#include "core/maincf/parameter_defaults.h"
#include "core/manifest/manifest.h"
#include "core/plan/plan.h"
#include "core/support/diagnostic.h"

namespace pmr::plan {

/// A plan, or why none can be made (e.g. a name the manifest wants is held by an instance it
/// does not rename).
struct PlanResult {
    std::optional<Plan> plan;
    Diagnostics problems;
    /// The host as the plan leaves it (every step applied), when there is a plan: what the
    /// mail-flow checks read.
    std::optional<lifecycle::SimulatedHost> host_after;
};

/// Diffs the manifest against the host and orders the steps that make the host match it:
/// init first when needed; removals (stop if running, disable, then destroy or deport); disables;
/// renames and regroups (swaps go through a temporary name); creates and imports in manifest
/// order; parameter changes; multi_instance_directories in manifest order; enables; reloads of
/// running instances whose main.cf changed. A destroy is refused while the queue holds mail.
///
/// `owed` is the work an earlier apply left owing (its journal): a running instance that owes a
/// reload gets one even when this plan changes nothing of it, with a note saying why; owed work
/// of an instance that is gone or stopped is dropped (a master reads its files when it starts).
///
/// Each step's operations are those postmulti would perform, and are applied to `host` (a copy
/// of the live host) as the plan is built, so every step is planned against the state the
/// previous ones leave. The manifest must have passed manifest::validate().
[[nodiscard]] PlanResult make_plan(const manifest::Manifest& manifest,
                                   lifecycle::SimulatedHost host,
                                   const maincf::ParameterDefaults& defaults,
                                   const std::vector<lifecycle::OwedWork>& owed = {});

}  // namespace pmr::plan
