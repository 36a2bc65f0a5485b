#include "effects/operation_executor.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <functional>

#include "core/lifecycle/destroy_guard.h"
#include "core/maincf/editor.h"
#include "core/maincf/main_cf.h"
#include "core/mastercf/edit_batches.h"
#include "core/support/overloaded.h"
#include "effects/directories.h"
#include "effects/edit_file.h"
#include "effects/instance_probe.h"
#include "effects/system_error.h"

namespace pmr::effects {

namespace {

/// The new text of a configuration file: nullopt when nothing changes, or why it cannot be made.
using NewText = Expected<std::optional<std::string>>;

/// Edits the configuration file at `path` with `change` (its current text to its new one)
/// through Postfix's locked, atomic edit_file protocol, main.cf and master.cf alike; a missing
/// file is an error, as it is to postconf.
Status edit_config_file(const std::string& path, std::chrono::seconds lock_timeout,
                        const std::function<NewText(const std::string&)>& change) {
    auto changed = edit_file(
        path, 0644,
        [&](const std::optional<std::string>& current) -> NewText {
            if (!current)
                return NewText::failure("open " + path + " for reading: No such file or directory");
            return change(*current);
        },
        lock_timeout);
    if (!changed)
        return Status::failure(changed.error());
    return ok_status();
}

Status edit_main_cf(const lifecycle::EditMainCf& op, std::chrono::seconds lock_timeout) {
    return edit_config_file(op.path, lock_timeout, [&](const std::string& text) -> NewText {
        auto outcome = maincf::apply_edits(maincf::MainCf::parse(text, op.path), op.edits);
        if (!outcome.changed)
            return std::optional<std::string>();
        return std::optional<std::string>(std::move(outcome.text));
    });
}

Status edit_master_cf(const lifecycle::EditMasterCf& op, std::chrono::seconds lock_timeout) {
    return edit_config_file(op.path, lock_timeout, [&](const std::string& text) -> NewText {
        auto outcome =
            mastercf::apply_edit_batches(mastercf::MasterCf::parse(text, op.path), op.edits);
        if (outcome.error)
            return NewText::failure(op.path + ": " + *outcome.error);
        if (!outcome.changed)
            return std::optional<std::string>();
        return std::optional<std::string>(std::move(outcome.text));
    });
}

Status install_file(const lifecycle::InstallFile& op, std::chrono::seconds lock_timeout) {
    auto written = replace_file(op.path, op.content.str(), op.mode, lock_timeout);
    return written ? ok_status() : Status::failure(written.error());
}

Status remove_file(const lifecycle::RemoveFile& op) {
    if (::unlink(op.path.c_str()) < 0 && errno != ENOENT)
        return Status::failure(errno_message("remove", op.path, errno));
    return ok_status();
}

Status remove_directory(const lifecycle::RemoveDirectory& op, std::vector<Leftover>& leftovers) {
    if (::rmdir(op.path.c_str()) < 0)
        leftovers.push_back(Leftover{op.path, op.path, std::strerror(errno)});
    return ok_status();
}

Status remove_queue_tree(const lifecycle::RemoveQueueTree& op, QueueTrees& queue_trees,
                         std::vector<Leftover>& leftovers) {
    auto left = queue_trees.remove(op.queue_directory, op.data_directory);
    leftovers.insert(leftovers.end(), left.begin(), left.end());
    return ok_status();
}

Status require_empty_queue(const lifecycle::RequireEmptyQueue& op) {
    const std::size_t queued = count_queued_messages(op.queue_directory);
    if (const Status empty = lifecycle::check_queue_empty(queued); !empty) {
        const std::string& label = op.instance.empty() ? op.config_directory : op.instance;
        return Status::failure(
            lifecycle::destroy_refused_message(label, op.config_directory, empty.error()));
    }
    return ok_status();
}

}  // namespace

Status RealOperationExecutor::execute(const lifecycle::Operation& operation,
                                      std::vector<Leftover>& leftovers) {
    using namespace lifecycle;
    return std::visit(
        Overloaded{
            [&](const EditMainCf& op) { return edit_main_cf(op, lock_timeout_); },
            [&](const EditMasterCf& op) { return edit_master_cf(op, lock_timeout_); },
            [&](const CreateDirectories& op) { return create_directories(op.path, op.mode); },
            [&](const InstallFile& op) { return install_file(op, lock_timeout_); },
            [&](const BuildQueueTree& op) { return queue_trees_.build(op.config_directory); },
            [&](const RequireStopped& op) { return require_stopped(op); },
            [&](const RemoveQueueTree& op) {
                return remove_queue_tree(op, queue_trees_, leftovers);
            },
            [&](const RemoveFile& op) { return remove_file(op); },
            [&](const RemoveDirectory& op) { return remove_directory(op, leftovers); },
            [&](const RunPostfix& op) { return run_postfix(op); },
            [&](const RequireEmptyQueue& op) { return require_empty_queue(op); }},
        operation);
}

Status RealOperationExecutor::require_stopped(const lifecycle::RequireStopped& op) {
    // Without master.pid no master ever ran here: Postfix's `master -t` says so too, and
    // asking `postfix status` would cost a fork and its pause of up to two seconds after a
    // main.cf edit. With it, `postfix status` decides: a master that was just stopped frees
    // its lock before it has exited.
    struct stat st {};
    if (!op.queue_directory.empty() &&
        ::lstat((op.queue_directory + "/pid/master.pid").c_str(), &st) < 0 && errno == ENOENT) {
        return ok_status();
    }
    // `postfix status` succeeds only while the instance's master runs.
    auto status = runner_.run(Command{.argv = {postfix_, "-c", op.config_directory, "status"},
                                      .environment = std::nullopt,
                                      .capture_output = true,
                                      .silence_errors = true});
    if (!status)
        return Status::failure(status.error());
    if (status->succeeded())
        return Status::failure("Instance '" + op.config_directory + "' is not stopped");
    return ok_status();
}

Status RealOperationExecutor::run_postfix(const lifecycle::RunPostfix& op) {
    return services_.run(op);
}

}  // namespace pmr::effects
