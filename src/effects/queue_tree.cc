#include "effects/queue_tree.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <optional>

#include "core/postfix_files/mode.h"
#include "core/postfix_files/queue_subdirectories.h"
#include "core/support/printable.h"
#include "core/support/words.h"
#include "effects/accounts.h"
#include "effects/nofollow_path.h"
#include "effects/postfix_files_loader.h"
#include "effects/system_error.h"
#include "effects/tree_walk.h"

namespace pmr::effects {

namespace {

using postfix_files::EntryType;
using postfix_files::Mode;
using postfix_files::Step;

/// The numeric owner and group one step asks for.
struct Ownership {
    uid_t user = 0;
    std::optional<gid_t> group;  ///< nullopt: leave the group alone
    std::string text;            ///< `postfix` or `postfix:postdrop`, for TreeChange
};

/// Where the changes made go: the caller's list, when there is one, and a count (so that a
/// walk can say how far it got without keeping a list the size of the tree).
class ChangeRecorder {
  public:
    explicit ChangeRecorder(std::vector<TreeChange>* list) : list_(list) {}

    void record(TreeChange::Kind kind, const std::string& path, std::string detail) {
        if (list_ != nullptr)
            list_->push_back(TreeChange{kind, path, std::move(detail)});
        ++count_;
    }
    [[nodiscard]] std::size_t count() const { return count_; }

  private:
    std::vector<TreeChange>* list_;
    std::size_t count_ = 0;
};

/// chown(2) on a non-directory clears set-user-ID, and set-group-ID when group-executable, even
/// when the owner does not change. post-install's chown does that to everything it reaches, so a
/// file with such bits is chowned even when its owner is already right.
bool chown_would_clear_bits(const struct stat& status) {
    if (S_ISDIR(status.st_mode) || S_ISLNK(status.st_mode))
        return false;
    return (status.st_mode & S_ISUID) != 0 ||
           ((status.st_mode & S_ISGID) != 0 && (status.st_mode & S_IXGRP) != 0);
}

bool needs_chown(const struct stat& status, const Ownership& owner) {
    return status.st_uid != owner.user || (owner.group && status.st_gid != *owner.group) ||
           chown_would_clear_bits(status);
}

/// chown, then chmod (when `mode` is given), through the open descriptor `fd` of `path`.
Status set_owner_and_mode(int fd, const std::string& path, const Ownership& owner,
                          const std::optional<Mode>& mode, ChangeRecorder& changes) {
    struct stat status {};
    if (::fstat(fd, &status) < 0)
        return Status::failure(errno_message("stat", printable(path), errno));
    if (needs_chown(status, owner)) {
        if (::fchown(fd, owner.user, owner.group ? *owner.group : static_cast<gid_t>(-1)) < 0) {
            return Status::failure(errno_message("chown", printable(path), errno));
        }
        changes.record(TreeChange::Kind::owner_changed, path, owner.text);
        if (::fstat(fd, &status) < 0)
            return Status::failure(errno_message("stat", printable(path), errno));
    }
    if (!mode)
        return ok_status();
    const unsigned current = status.st_mode & 07777;
    const unsigned wanted = postfix_files::chmod_result(*mode, current, S_ISDIR(status.st_mode));
    if (current != wanted) {
        if (::fchmod(fd, static_cast<mode_t>(wanted)) < 0) {
            return Status::failure(errno_message("chmod", printable(path), errno));
        }
        changes.record(TreeChange::Kind::mode_changed, path, postfix_files::format_mode(wanted));
    }
    return ok_status();
}

/// What a walk stopped by its depth limit had changed below its starting directory.
std::string changes_before_refusal(std::size_t count) {
    if (count == 0)
        return "nothing below it was changed";
    return "stopped after " + std::to_string(count) + (count == 1 ? " change" : " changes") +
           " below it, the rest is left as it was";
}

/// `chown -R` plus `find -type d -exec chmod` below the directory `dir` (already done itself):
/// every entry gets the owner (symbolic links themselves, never their targets), every
/// directory the mode. The walk is bounded (see walk_below); a tree too deep for it stops this
/// with a message that says how many changes it made before.
Status apply_below(int dir, const std::string& path, const Ownership& owner, const Mode& mode,
                   ChangeRecorder& changes) {
    const std::size_t before = changes.count();
    const WalkVisitor change = [&](const WalkEntry& entry) -> Status {
        if (entry.fd >= 0)
            return set_owner_and_mode(entry.fd, entry.path, owner, mode, changes);
        if (!needs_chown(entry.status, owner))
            return ok_status();
        if (::fchownat(entry.parent, entry.name, owner.user,
                       owner.group ? *owner.group : static_cast<gid_t>(-1),
                       AT_SYMLINK_NOFOLLOW) < 0) {
            return Status::failure(errno_message("chown", printable(entry.path), errno));
        }
        changes.record(TreeChange::Kind::owner_changed, entry.path, owner.text);
        return ok_status();
    };
    bool too_deep = false;
    Status done = walk_below(dir, path, change, &too_deep);
    if (too_deep) {
        return Status::failure(done.error() + "; " +
                               changes_before_refusal(changes.count() - before));
    }
    return done;
}

/// Refuses, before anything changes, a recursive step whose existing directory holds a tree
/// deeper than walk_below goes. apply_below checks again as it goes: the postfix user can
/// deepen the tree in between.
Status refuse_deep_trees(std::span<const Step> steps) {
    for (const Step& step : steps) {
        if (!step.recursive || step.type != EntryType::directory)
            continue;
        Expected<UniqueFd> directory = open_directory_nofollow(step.path);
        if (!directory)
            continue;  // made, or refused, when its step runs
        const WalkVisitor look = [](const WalkEntry&) { return ok_status(); };
        bool too_deep = false;
        Status done =
            walk_below(directory->get(), step.path, look, &too_deep, WalkEntries::directories);
        if (too_deep)
            return Status::failure(done.error() + "; nothing was changed");
    }
    return ok_status();
}

/// A symbolic link only root can have made: owned by root, in a root-owned directory that
/// neither group nor others may write to.
bool is_trusted_symlink(int parent_fd, const char* leaf) {
    struct stat link {};
    struct stat parent {};
    if (::fstatat(parent_fd, leaf, &link, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISLNK(link.st_mode)) {
        return false;
    }
    if (::fstat(parent_fd, &parent) < 0)
        return false;
    return link.st_uid == 0 && parent.st_uid == 0 && (parent.st_mode & (S_IWGRP | S_IWOTH)) == 0;
}

Status apply_step(const Step& step, const Ownership& owner, ChangeRecorder& changes) {
    int error = 0;
    Expected<ParentDirectory> parent = open_parent_directory(step.path, &error);
    if (!parent) {
        // post-install: `test ! -r "$path"` skips an optional record whose path is absent.
        if (step.skip_when_absent && error == ENOENT)
            return ok_status();
        return Status::failure(parent.error());
    }
    const int parent_fd = parent->fd.get();
    const char* leaf = parent->leaf.c_str();
    int flags = O_RDONLY | O_NOFOLLOW | O_CLOEXEC;
    if (step.type == EntryType::directory) {
        flags |= O_DIRECTORY;
        // Made private first; chown and chmod below give it its final owner and mode.
        if (step.create_missing) {
            if (::mkdirat(parent_fd, leaf, 0700) == 0) {
                changes.record(TreeChange::Kind::created, step.path, {});
            } else if (errno != EEXIST) {
                return Status::failure(errno_message("mkdir", step.path, errno));
            }
        }
    } else {
        // Never block on a FIFO or acquire a terminal.
        flags |= O_NONBLOCK | O_NOCTTY;
    }
    UniqueFd fd(::openat(parent_fd, leaf, flags));
    if (!fd.valid() && errno == ELOOP && step.type == EntryType::file &&
        is_trusted_symlink(parent_fd, leaf)) {
        // Debian ships /etc/postfix/makedefs.out as a symbolic link; post-install's chown and
        // chmod follow it.
        fd = UniqueFd(::openat(parent_fd, leaf, flags & ~O_NOFOLLOW));
    }
    if (!fd.valid()) {
        if (step.skip_when_absent && errno == ENOENT)
            return ok_status();
        return Status::failure(open_failure_message(step.path, errno));
    }
    if (Status done = set_owner_and_mode(fd.get(), step.path, owner, step.mode, changes); !done) {
        return done;
    }
    if (step.recursive && step.type == EntryType::directory) {
        return apply_below(fd.get(), step.path, owner, step.mode, changes);
    }
    return ok_status();
}

}  // namespace

std::string to_string(const TreeChange& change) {
    switch (change.kind) {
        case TreeChange::Kind::created:
            return "mkdir " + printable(change.path);
        case TreeChange::Kind::owner_changed:
            return "chown " + change.detail + " " + printable(change.path);
        case TreeChange::Kind::mode_changed:
            return "chmod " + change.detail + " " + printable(change.path);
    }
    return printable(change.path);
}

Status apply_permission_steps(std::span<const Step> steps, std::vector<TreeChange>* changes) {
    // Resolve every name before touching anything, and report every unknown one.
    std::map<std::string, uid_t> users;
    std::map<std::string, gid_t> groups;
    std::vector<std::string> problems;
    for (const Step& step : steps) {
        if (!users.contains(step.owner)) {
            Expected<uid_t> user = user_id(step.owner);
            if (user) {
                users.emplace(step.owner, *user);
            } else if (std::ranges::find(problems, user.error()) == problems.end()) {
                problems.push_back(user.error());
            }
        }
        if (!step.group.empty() && !groups.contains(step.group)) {
            Expected<gid_t> group = group_id(step.group);
            if (group) {
                groups.emplace(step.group, *group);
            } else if (std::ranges::find(problems, group.error()) == problems.end()) {
                problems.push_back(group.error());
            }
        }
    }
    if (!problems.empty())
        return Status::failure(join(problems, '\n'));
    if (Status shallow = refuse_deep_trees(steps); !shallow)
        return shallow;

    ChangeRecorder recorder(changes);
    for (const Step& step : steps) {
        Ownership owner;
        owner.user = users.at(step.owner);
        owner.text = step.owner;
        if (!step.group.empty()) {
            owner.group = groups.at(step.group);
            owner.text += ":" + step.group;
        }
        if (Status done = apply_step(step, owner, recorder); !done)
            return done;
    }
    return ok_status();
}

Status build_queue_tree(const std::string& meta_directory, const postfix_files::Target& target,
                        std::vector<TreeChange>* changes) {
    Expected<postfix_files::ParsedFiles> files = load_postfix_files(meta_directory);
    if (!files)
        return Status::failure(files.error());
    const postfix_files::PermissionPlan plan =
        postfix_files::plan_set_permissions(files->entries, target);
    std::vector<std::string> errors;
    auto collect = [&errors](const Diagnostics& diagnostics) {
        for (const Diagnostic& diagnostic : diagnostics) {
            if (diagnostic.severity == Severity::error)
                errors.push_back(diagnostic.to_string());
        }
    };
    collect(files->diagnostics);
    collect(plan.diagnostics);
    if (!errors.empty())
        return Status::failure(join(errors, '\n'));
    return apply_permission_steps(plan.steps, changes);
}

std::string QueueTreeLeftover::warning() const {
    return path + ": please verify contents and remove by hand";
}

std::vector<QueueTreeLeftover> remove_queue_tree(const std::string& queue_directory,
                                                 const std::string& data_directory) {
    std::vector<QueueTreeLeftover> leftovers;
    int error = 0;
    Expected<UniqueFd> queue = open_directory_nofollow(queue_directory, &error);
    for (std::string_view name : postfix_files::queue_subdirectories) {
        const std::string subdirectory(name);
        // unlinkat(AT_REMOVEDIR) is rmdir: it removes an empty directory and nothing else (a
        // symbolic link fails with ENOTDIR).
        if (queue && ::unlinkat(queue->get(), subdirectory.c_str(), AT_REMOVEDIR) == 0)
            continue;
        const int reason = queue ? errno : error;
        leftovers.push_back(QueueTreeLeftover{subdirectory, queue_directory + "/" + subdirectory,
                                              std::strerror(reason)});
    }
    if (queue)
        *queue = UniqueFd();  // closed before the queue directory itself goes
    for (const std::string& directory : {data_directory, queue_directory}) {
        Expected<ParentDirectory> parent = open_parent_directory(directory, &error);
        if (parent && ::unlinkat(parent->fd.get(), parent->leaf.c_str(), AT_REMOVEDIR) == 0) {
            continue;
        }
        const int reason = parent ? errno : error;
        leftovers.push_back(QueueTreeLeftover{directory, directory, std::strerror(reason)});
    }
    return leftovers;
}

}  // namespace pmr::effects
