#pragma once

#include "cli/apply_session.h"
#include "core/plan/plan.h"
#include "effects/apply_journal.h"

namespace pmr::cli {

/// Carries out a plan's steps in order with `session`, with a progress line each, journaling each
/// step in the session's state files before it starts, with the reloads owed so far (`carried`
/// from an earlier apply, and those of the instances the steps edit: see plan::OwedLedger), and
/// keeping only the owed work when it completes. On a failure it stops, keeps only the owed work
/// too (the failed step's effects are known: the next apply plans again rather than repeat it),
/// and says which steps completed and which did not. Refused steps are reported at the end and
/// make the result an error. The closing line is `Apply complete: ...` only when every planned
/// step ran, else `Apply stopped after N of M steps: REASON` (M counts refused steps). Returns
/// the exit status.
[[nodiscard]] int execute_plan(const plan::Plan& plan, ApplySession& session, bool color,
                               const std::vector<lifecycle::OwedWork>& carried);

/// Finishes the step an interrupted apply journaled, if any, by running all its (idempotent)
/// operations again with `session`; the journal then keeps only the work owed, also when the
/// step returns an error this time (its effects are known then). Returns false after reporting
/// a failure.
[[nodiscard]] bool finish_interrupted_apply(ApplySession& session);

}  // namespace pmr::cli
