#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "cli/host_context.h"
#include "cli/postmulti_session.h"
#include "core/lifecycle/operation.h"
#include "core/postmulti/edit_planner.h"
#include "effects/change_log.h"
#include "effects/operation_executor.h"

namespace pmr::cli {

/// Where postmulti-script runs `postfix -c DIR` and pmreconcile does the work itself (see
/// effects::postfix_preamble): before set-permissions (BuildQueueTree; when postfix cannot
/// start, the action fails there, as the script's `|| exit 1` does) and around destroy's two
/// rmdir loops (RemoveQueueTree; when postfix cannot start, neither loop runs and destroy goes
/// on).
struct PostfixPreambles {
    std::string destroyed_config_directory;  ///< the instance destroy's rmdir loops run for
    const maincf::ParameterDefaults& defaults;
};

/// How run_operations says what it does. Every operation is logged (effects::log_change).
struct OperationVoice {
    const MessageStyle& style;  ///< leftovers, and what postfix(1) prints
    effects::ChangeEcho echo;   ///< where each change is echoed besides syslog without -v
    /// Reports the failure of `operation`, with the executor's `reason`.
    std::function<void(const lifecycle::Operation& operation, const std::string& reason)> failed;
    /// postmulti-script's `postfix -c DIR` runs; none for apply's steps.
    std::optional<PostfixPreambles> preambles = std::nullopt;
    /// effects::fault_point("operation") before each operation (apply's crash-safety tests).
    bool fault_points = false;
};

/// Carries out `operations` in order with `executor`, saying what it does in `voice`: stops at
/// the first that fails (or that postfix(1) would not let run). Returns whether all ran.
[[nodiscard]] bool run_operations(const std::vector<lifecycle::Operation>& operations,
                                  effects::OperationExecutor& executor,
                                  const OperationVoice& voice);

/// The voice of postmulti-script carrying out a life-cycle plan: its fatal message when an
/// operation fails, rmdir's leftovers, what postfix(1) prints where the script runs it, and the
/// changes on stderr only with -v (postmulti's stderr stays postmulti's).
[[nodiscard]] OperationVoice script_voice(const postmulti::EditPlan& plan,
                                          const HostContext& context, const MessageStyle& style);

}  // namespace pmr::cli
