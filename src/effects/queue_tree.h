#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/postfix_files/permission_plan.h"
#include "core/support/expected.h"

namespace pmr::effects {

/// One change made to the filesystem while building a tree.
struct TreeChange {
    enum class Kind {
        created,        ///< mkdir
        owner_changed,  ///< chown (user, and group when the step names one)
        mode_changed,   ///< chmod
    };
    Kind kind = Kind::created;
    std::string path;
    std::string detail;  ///< `postfix:postdrop` for owner_changed, `0730` for mode_changed

    friend bool operator==(const TreeChange&, const TreeChange&) = default;
};

/// `mkdir PATH`, `chown postfix:postdrop PATH`, `chmod 0730 PATH`, the path escaped for a
/// terminal (pmr::printable: a name below the queue may hold escape codes).
[[nodiscard]] std::string to_string(const TreeChange& change);

/// Carries out `steps` in order, as post-install's set-permissions does (see Step), and appends
/// every change it makes to `changes` when given, also those made before a failure.
///
/// Owners and groups are resolved by name first (getpwnam_r/getgrnam_r); unknown ones fail the
/// call before anything changes, all of them in one message (`unknown user NAME`, one per line).
/// Then, for each step, the path's parent is opened from `/` without following any symbolic
/// link; a missing directory is made with mkdirat (mode 0700 until its final mode is set), the
/// path is opened with O_NOFOLLOW and changed through that descriptor, so a symbolic link planted
/// anywhere is refused (`open PATH: is a symbolic link, not followed`), never followed. The one
/// exception: when the last component of a *file* record is a symbolic link only root can have
/// made (root's, in a directory only root may write to), it is followed, as post-install's chown
/// and chmod follow it (Debian's /etc/postfix/makedefs.out). Recursive steps walk the contents
/// the same way (fchownat with AT_SYMLINK_NOFOLLOW; directories below get the mode, other files
/// keep theirs), iteratively and at most max_walk_depth (64) levels deep (see walk_below), so
/// that memory, stack and open descriptors stay bounded whatever the postfix user plants there.
/// Owner, group and mode are only set when they differ (or when chown would clear a set-id bit,
/// as it does for post-install), so a second run changes nothing. The first failing step stops
/// the run with its reason (`mkdir PATH: REASON`); paths below a recursive step's directory are
/// escaped in messages (pmr::printable).
///
/// A recursive step's existing tree that is deeper than the limit fails the call before anything
/// changes: `DIR: refusing a directory tree more than 64 levels deep (at PATH); nothing was
/// changed`. Should the tree grow deeper while it is being walked, the walk stops there with
/// `...; nothing below it was changed` or `...; stopped after N changes below it, the rest is
/// left as it was` (the steps before it, and the step's directory itself, stay done).
[[nodiscard]] Status apply_permission_steps(std::span<const postfix_files::Step> steps,
                                            std::vector<TreeChange>* changes = nullptr);

/// `postfix -c DIR set-permissions`, natively: loads `META_DIRECTORY/postfix-files` and
/// postfix-files.d (see load_postfix_files), plans for `target` (see plan_set_permissions) and
/// applies the plan. Error diagnostics in the files or the plan fail the call before anything
/// changes, all of them in one message (`origin:line: message`, one per line).
[[nodiscard]] Status build_queue_tree(const std::string& meta_directory,
                                      const postfix_files::Target& target,
                                      std::vector<TreeChange>* changes = nullptr);

/// A directory that `remove_queue_tree` could not remove.
struct QueueTreeLeftover {
    std::string operand;  ///< as postmulti's rmdir got it: `active` for a queue subdirectory,
                          ///< the absolute path for the data and queue directories
    std::string path;     ///< the absolute path
    std::string reason;   ///< strerror() of the failure, e.g. `Directory not empty`

    /// postmulti's warning: `PATH: please verify contents and remove by hand`.
    [[nodiscard]] std::string warning() const;

    friend bool operator==(const QueueTreeLeftover&, const QueueTreeLeftover&) = default;
};

/// Removes a queue tree the way `postmulti -e destroy` does: rmdir of each queue subdirectory
/// (postfix_files::queue_subdirectories, in that order) of `queue_directory`, then rmdir of
/// `data_directory` and of `queue_directory`. Only empty directories go: nothing is ever
/// unlinked, no symbolic link is followed, and a queued message makes its directory (and the
/// queue directory) stay. Returns what stayed, in that order. Like postmulti, a directory that
/// was already absent is reported too (reason `No such file or directory`).
[[nodiscard]] std::vector<QueueTreeLeftover> remove_queue_tree(const std::string& queue_directory,
                                                               const std::string& data_directory);

}  // namespace pmr::effects
