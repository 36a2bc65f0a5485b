#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/maincf/editor.h"
#include "core/mastercf/editor.h"
#include "core/support/shared_text.h"

namespace pmr::lifecycle {

/// Edit a main.cf in place. The edits are applied to the file's content as it is when the
/// operation runs, under Postfix's edit_file lock, so concurrent `postconf -e` calls are not lost.
struct EditMainCf {
    std::string path;
    std::vector<maincf::Edit> edits;
    friend bool operator==(const EditMainCf&, const EditMainCf&) = default;
};

/// Edit a master.cf in place, with postconf's -Me/-MX/-M#/-F/-P/-PX semantics (each run of edits
/// of one mode is one pass), under the same edit_file lock as main.cf edits.
struct EditMasterCf {
    std::string path;
    std::vector<mastercf::Edit> edits;
    friend bool operator==(const EditMasterCf&, const EditMasterCf&) = default;
};

/// `mkdir -p PATH`: every missing component is created with `mode`.
struct CreateDirectories {
    std::string path;
    unsigned mode = 0755;
    friend bool operator==(const CreateDirectories&, const CreateDirectories&) = default;
};

/// Install a whole file atomically (temp file, fsync, rename), owned by root.
struct InstallFile {
    std::string path;
    SharedText content;  ///< shared with the simulated host a plan is made on
    unsigned mode = 0644;
    friend bool operator==(const InstallFile&, const InstallFile&) = default;
};

/// Build or repair an instance's queue and data trees from $meta_directory/postfix-files, as
/// `postfix -c CONFIG_DIRECTORY set-permissions` does.
struct BuildQueueTree {
    std::string config_directory;
    friend bool operator==(const BuildQueueTree&, const BuildQueueTree&) = default;
};

/// Refuse to go on while the instance's master runs (`postfix -c DIR status` succeeds).
struct RequireStopped {
    std::string config_directory;
    /// The instance's queue directory: when it has no `pid/master.pid`, no master ever ran there
    /// and the instance is stopped without asking Postfix (the rule of Postfix's own `master
    /// -t`). "" (a journal of an older pmreconcile) always asks.
    std::string queue_directory{};
    friend bool operator==(const RequireStopped&, const RequireStopped&) = default;
};

/// Remove the queue subdirectories Postfix creates, then the data and queue directories, with
/// rmdir only: a directory that still holds anything (a queued message) stays, with a warning.
struct RemoveQueueTree {
    std::string queue_directory;
    std::string data_directory;
    friend bool operator==(const RemoveQueueTree&, const RemoveQueueTree&) = default;
};

/// Remove a file if it exists.
struct RemoveFile {
    std::string path;
    friend bool operator==(const RemoveFile&, const RemoveFile&) = default;
};

/// rmdir a directory; one that will not go stays, with a warning.
struct RemoveDirectory {
    std::string path;
    friend bool operator==(const RemoveDirectory&, const RemoveDirectory&) = default;
};

/// The postfix(1) commands a plan runs. `start` of a running instance fails, as postfix(1)'s
/// does ("the Postfix mail system is already running"); a plan starts only stopped ones.
enum class PostfixCommand { stop, reload, start };

/// The command's word on postfix(1)'s command line (`stop`).
[[nodiscard]] std::string_view to_string(PostfixCommand command);
/// The command whose word is `word`, or nullopt.
[[nodiscard]] std::optional<PostfixCommand> postfix_command_named(std::string_view word);

/// Run `postfix -c CONFIG_DIRECTORY COMMAND` for one instance (a start or stop may go through
/// systemd instead: effects/service_manager.h).
struct RunPostfix {
    std::string config_directory;
    PostfixCommand command = PostfixCommand::stop;
    /// The instance's multi_instance_name, `-` for the primary, as Debian's `postfix@NAME` units
    /// name it; "" (no name, or a journal of an older pmreconcile) leaves systemd out.
    std::string instance{};
    /// The instance's queue directory, whose `pid/master.pid` lock tells whether its master runs
    /// (a start of a running instance, or a stop of a stopped one, then does nothing); ""
    /// (a journal of an older pmreconcile) runs the command without asking.
    std::string queue_directory{};
    friend bool operator==(const RunPostfix&, const RunPostfix&) = default;
};

/// Refuse to go on while the instance's queue holds a message (checked again just before a
/// destroy, because mail may have arrived since the plan was made).
struct RequireEmptyQueue {
    std::string config_directory;
    std::string queue_directory;
    /// The instance's label in messages (its name); "" (a journal of an older pmreconcile)
    /// names it by its config directory.
    std::string instance{};
    friend bool operator==(const RequireEmptyQueue&, const RequireEmptyQueue&) = default;
};

/// One effect of a life-cycle action. Plans are lists of these, run in order by an executor.
using Operation = std::variant<EditMainCf, CreateDirectories, InstallFile, BuildQueueTree,
                               RequireStopped, RemoveQueueTree, RemoveFile, RemoveDirectory,
                               RunPostfix, RequireEmptyQueue, EditMasterCf>;

/// A short human description of an operation, for logs and progress (`edit /etc/postfix/main.cf:
/// set multi_instance_enable`).
[[nodiscard]] std::string describe(const Operation& operation);

}  // namespace pmr::lifecycle
