#pragma once

#include "cli/apply_session.h"
#include "core/plan/plan.h"
#include "effects/apply_journal.h"

namespace pmr::cli {

/// Carries out a plan's steps in order with `session`, with a progress line each, journaling each
/// step in the session's state files before it starts and clearing the journal when it completes.
/// On a failure it stops and says which steps completed and which did not. Refused steps are
/// reported at the end and make the result an error. The closing line is `Apply complete: ...` only
/// when every planned step ran, else `Apply stopped after N of M steps: REASON` (M counts refused
/// steps). Returns the exit status.
[[nodiscard]] int execute_plan(const plan::Plan& plan, ApplySession& session, bool color);

/// Finishes the step an interrupted apply journaled, if any, by running all its (idempotent)
/// operations again with `session`. Returns false after reporting a failure.
[[nodiscard]] bool finish_interrupted_apply(ApplySession& session);

}  // namespace pmr::cli
