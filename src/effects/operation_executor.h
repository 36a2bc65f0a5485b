#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "core/lifecycle/operation.h"
#include "core/support/expected.h"
#include "effects/process_runner.h"
#include "effects/service_manager.h"

namespace pmr::effects {

/// A directory that rmdir would not remove, because it still holds something (a queued
/// message) or for another reason. postmulti reports it in two lines: rmdir's own
/// `rmdir: failed to remove 'OPERAND': REASON`, then `PATH: please verify contents and remove
/// by hand`.
struct Leftover {
    std::string operand;  ///< the path as rmdir was given it (queue subdirectories are relative)
    std::string path;     ///< the absolute path
    std::string reason;   ///< strerror() of the failure
};

/// Builds and removes instances' queue and data trees (see queue_tree.h).
class QueueTrees {
  public:
    virtual ~QueueTrees() = default;
    /// `postfix -c CONFIG_DIRECTORY set-permissions`, natively.
    [[nodiscard]] virtual Status build(const std::string& config_directory) = 0;
    /// Removes the queue subdirectories, then the data and queue directories, with rmdir only;
    /// returns what stays.
    [[nodiscard]] virtual std::vector<Leftover> remove(const std::string& queue_directory,
                                                       const std::string& data_directory) = 0;
};

/// Carries out life-cycle operations. Planning (the dry run) applies them to a
/// lifecycle::SimulatedHost instead, never through an executor with a flag.
class OperationExecutor {
  public:
    virtual ~OperationExecutor() = default;
    /// Runs one operation; what it could not remove is appended to `leftovers`.
    [[nodiscard]] virtual Status execute(const lifecycle::Operation& operation,
                                         std::vector<Leftover>& leftovers) = 0;
};

/// Executes operations on the real host: main.cf edits through edit_file(), files installed
/// atomically, directories without following symlinks, and `postfix status` only to ask
/// whether an instance runs.
class RealOperationExecutor final : public OperationExecutor {
  public:
    /// `postfix` is the path of Postfix's postfix(1) command ($command_directory/postfix);
    /// `lock_timeout` (--lock-timeout) bounds the wait for each file's edit lock (see edit_file);
    /// `control` says who starts and stops instances (service_manager.h).
    RealOperationExecutor(ProcessRunner& runner, QueueTrees& queue_trees, std::string postfix,
                          std::chrono::seconds lock_timeout,
                          ServiceControl control = ServiceControl::postfix)
        : runner_(runner),
          queue_trees_(queue_trees),
          postfix_(std::move(postfix)),
          lock_timeout_(lock_timeout),
          services_(runner, postfix_, control) {}

    [[nodiscard]] Status execute(const lifecycle::Operation& operation,
                                 std::vector<Leftover>& leftovers) override;

    /// What starts and stops instances (RunPostfix), and tells systemd of new ones.
    [[nodiscard]] InstanceService& services() { return services_; }

  private:
    [[nodiscard]] Status require_stopped(const lifecycle::RequireStopped& op);
    [[nodiscard]] Status run_postfix(const lifecycle::RunPostfix& op);

    ProcessRunner& runner_;
    QueueTrees& queue_trees_;
    std::string postfix_;
    std::chrono::seconds lock_timeout_;
    InstanceService services_;
};

}  // namespace pmr::effects
