#pragma once

#include "cli/host_context.h"
#include "cli/postmulti_session.h"
#include "core/postmulti/edit_planner.h"
#include "effects/operation_executor.h"

namespace pmr::cli {

/// Carries out the operations of a life-cycle plan in order with `executor`, saying what
/// postmulti-script would say: its fatal message when an operation fails, rmdir's leftovers, and
/// what postfix(1) prints where the script runs `postfix -c DIR` and pmreconcile does the work
/// itself (see effects::postfix_preamble): before set-permissions (BuildQueueTree; when postfix
/// cannot start, the action fails there, as the script's `|| exit 1` does) and around destroy's
/// two rmdir loops (RemoveQueueTree; when postfix cannot start, neither loop runs and destroy goes
/// on). Every operation is logged. Returns the exit status.
[[nodiscard]] int run_operations(const postmulti::EditPlan& plan,
                                 effects::OperationExecutor& executor, const HostContext& context,
                                 const MessageStyle& style);

}  // namespace pmr::cli
