#pragma once

#include <string>
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
};

/// Edit a master.cf in place, with postconf's -Me/-MX/-M#/-F/-P/-PX semantics (each run of edits
/// of one mode is one pass), under the same edit_file lock as main.cf edits.
struct EditMasterCf {
    std::string path;
    std::vector<mastercf::Edit> edits;
};

/// `mkdir -p PATH`: every missing component is created with `mode`.
struct CreateDirectories {
    std::string path;
    unsigned mode = 0755;
};

/// Install a whole file atomically (temp file, fsync, rename), owned by root.
struct InstallFile {
    std::string path;
    SharedText content;  ///< shared with the simulated host a plan is made on
    unsigned mode = 0644;
};

/// Build or repair an instance's queue and data trees from $meta_directory/postfix-files, as
/// `postfix -c CONFIG_DIRECTORY set-permissions` does.
struct BuildQueueTree {
    std::string config_directory;
};

/// Refuse to go on while the instance's master runs (`postfix -c DIR status` succeeds).
struct RequireStopped {
    std::string config_directory;
    /// The instance's queue directory: when it has no `pid/master.pid`, no master ever ran there
    /// and the instance is stopped without asking Postfix (the rule of Postfix's own `master
    /// -t`). "" (a journal of an older pmreconcile) always asks.
    std::string queue_directory{};
};

/// Remove the queue subdirectories Postfix creates, then the data and queue directories, with
/// rmdir only: a directory that still holds anything (a queued message) stays, with a warning.
struct RemoveQueueTree {
    std::string queue_directory;
    std::string data_directory;
};

/// Remove a file if it exists.
struct RemoveFile {
    std::string path;
};

/// rmdir a directory; one that will not go stays, with a warning.
struct RemoveDirectory {
    std::string path;
};

/// Run `postfix -c CONFIG_DIRECTORY COMMAND` (stop, reload, ...) for one instance.
struct RunPostfix {
    std::string config_directory;
    std::string command;
};

/// Refuse to go on while the instance's queue holds a message (checked again just before a
/// destroy, because mail may have arrived since the plan was made).
struct RequireEmptyQueue {
    std::string config_directory;
    std::string queue_directory;
    /// The instance's label in messages (its name); "" (a journal of an older pmreconcile)
    /// names it by its config directory.
    std::string instance{};
};

/// One effect of a life-cycle action. Plans are lists of these, run in order by an executor.
using Operation = std::variant<EditMainCf, CreateDirectories, InstallFile, BuildQueueTree,
                               RequireStopped, RemoveQueueTree, RemoveFile, RemoveDirectory,
                               RunPostfix, RequireEmptyQueue, EditMasterCf>;

/// A short human description of an operation, for logs and progress (`edit /etc/postfix/main.cf:
/// set multi_instance_enable`).
[[nodiscard]] std::string describe(const Operation& operation);

}  // namespace pmr::lifecycle
