#pragma once

#include <string>

#include "cli/host_context.h"
#include "effects/native_queue_trees.h"
#include "effects/operation_executor.h"
#include "effects/process_runner.h"
#include "effects/state_files.h"

namespace pmr::cli {

/// What changes the real host: the process runner, the queue trees and the operation executor
/// over them, with the host's paths. apply, the instance subcommands and postmulti mode all
/// build it here, and only here.
class ApplySession {
  public:
    /// `command_directory` is where postfix(1) is run from; `context` gives Postfix's defaults,
    /// the primary's config directory and the lock timeout, and must outlive the session.
    /// Building a session touches nothing on the host.
    ApplySession(const HostContext& context, std::string command_directory);
    ApplySession(const ApplySession&) = delete;
    ApplySession& operator=(const ApplySession&) = delete;

    /// Carries out operations on the host.
    [[nodiscard]] effects::OperationExecutor& executor() { return executor_; }
    /// After an apply that changed the set of instances: `systemctl daemon-reload` when systemd
    /// starts and stops them (effects::InstanceService::reload_units()).
    [[nodiscard]] Status reload_units() { return executor_.services().reload_units(); }
    /// pmreconcile's state files (the run lock, the journal) for the primary.
    [[nodiscard]] const effects::StateFiles& state_files() const { return state_files_; }

  private:
    effects::StateFiles state_files_;
    effects::RealProcessRunner runner_;
    effects::NativeQueueTrees queue_trees_;
    effects::RealOperationExecutor executor_;
};

}  // namespace pmr::cli
