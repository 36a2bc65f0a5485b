#pragma once

#include <memory>
#include <optional>
#include <string>

#include "cli/host_context.h"
#include "cli/manifest_loading.h"
#include "core/flow/graph.h"
#include "core/plan/planner.h"
#include "core/plan/saved_plan.h"
#include "effects/host_snapshot.h"

namespace pmr::cli {

/// A plan of the live host, with what it was made from.
struct LivePlan {
    /// On the heap: the snapshot's simulated host keeps a pointer to its defaults, which must
    /// stay where they are when a LivePlan is moved (returned in an optional).
    std::shared_ptr<const HostContext> context;
    LoadedManifest manifest;
    std::optional<effects::HostSnapshot> snapshot;
    plan::PlanResult result;
    std::string command_directory;  ///< the host's, as the snapshot's primary main.cf gives it
    /// The mail flow of the host as the plan leaves it (checked: no conflicts, no loops).
    std::optional<flow::FlowGraph> flow;
};

/// What plan_live says besides errors.
enum class Voice {
    full,            ///< warnings and notes
    before_locking,  ///< the same, but a running apply is left to the run lock's own message
    quiet,           ///< errors only: the warnings and notes were shown by an earlier call
};

/// Loads the manifest (on a second thread) and plans it against the live host, read meanwhile,
/// then checks the mail flow of the host as the plan leaves it (flow::check_flow(): its errors
/// refuse the plan); nullopt after reporting a failure. `manifest_text` replaces reading
/// `manifest_path`.
[[nodiscard]] std::optional<LivePlan> plan_live(
    const HostContext& context, const std::string& manifest_path,
    const std::optional<std::string>& manifest_text = std::nullopt, Voice voice = Voice::full);

/// Where `live` comes from, as a saved plan records it (with the host's fingerprint).
[[nodiscard]] plan::PlanOrigin origin_of(const LivePlan& live);

/// Keeps `live` until the process exits, never destroyed, for a command that ends once it has
/// shown it (plan, check): freeing a 1,000-instance host piece by piece (two copies of every
/// main.cf and master.cf, parsed) took 24 million instructions, a fifth of planning it, where
/// the exit gives back its memory at once. Still reachable, so no leak checker reports it.
void keep_until_exit(std::optional<LivePlan> live);

}  // namespace pmr::cli
