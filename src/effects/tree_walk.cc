#include "effects/tree_walk.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <memory>
#include <string_view>
#include <vector>

#include "core/support/printable.h"
#include "effects/nofollow_path.h"
#include "effects/system_error.h"

namespace pmr::effects {

namespace {

struct CloseDirectory {
    void operator()(DIR* listing) const { ::closedir(listing); }
};

/// One directory being read: its stream (which owns its descriptor) and its path.
struct Level {
    std::unique_ptr<DIR, CloseDirectory> listing;
    std::string path;
};

/// Adds a level for the directory descriptor `fd`, which it takes over (closed on failure).
Status push_level(std::vector<Level>& levels, int fd, std::string path) {
    DIR* listing = ::fdopendir(fd);
    if (listing == nullptr) {
        const int error = errno;
        ::close(fd);
        return Status::failure(errno_message("opendir", printable(path), error));
    }
    levels.push_back(Level{std::unique_ptr<DIR, CloseDirectory>(listing), std::move(path)});
    return ok_status();
}

/// Why openat(O_DIRECTORY|O_NOFOLLOW) of the entry `name` of `parent` failed, in the words of
/// open_failure_message, but looked up relative to `parent`, never by path.
std::string open_failure(int parent, const char* name, const std::string& path, int error) {
    if (error == ELOOP || error == ENOTDIR) {
        // Linux reports a symbolic link as ENOTDIR here; look again, for the message only.
        struct stat status {};
        if (error == ELOOP || (::fstatat(parent, name, &status, AT_SYMLINK_NOFOLLOW) == 0 &&
                               S_ISLNK(status.st_mode))) {
            return "open " + printable(path) + ": is a symbolic link, not followed";
        }
        return "open " + printable(path) + ": not a directory";
    }
    return errno_message("open", printable(path), error);
}

std::string too_deep_message(const std::string& root, const std::string& deeper) {
    return printable(root) + ": refusing a directory tree more than " +
           std::to_string(max_walk_depth) + " levels deep (at " + printable(deeper) + ")";
}

/// Examines the entry `name` of the innermost level, visits it, and for a directory adds its
/// level. `root` is the walk's starting path, for the depth refusal.
Status visit_entry(std::vector<Level>& levels, const char* name, const std::string& root,
                   const WalkVisitor& visit, bool* too_deep, WalkEntries entries) {
    const int parent = ::dirfd(levels.back().listing.get());
    std::string child = levels.back().path + "/" + name;
    struct stat status {};
    if (::fstatat(parent, name, &status, AT_SYMLINK_NOFOLLOW) < 0) {
        if (errno == ENOENT)
            return ok_status();  // gone meanwhile (a delivered message)
        return Status::failure(errno_message("stat", printable(child), errno));
    }
    if (!S_ISDIR(status.st_mode)) {
        if (entries == WalkEntries::directories)
            return ok_status();
        return visit(WalkEntry{parent, name, child, status, -1});
    }
    // levels[0] is the starting directory, so this child is levels.size() levels below it.
    if (levels.size() > max_walk_depth) {
        if (too_deep != nullptr)
            *too_deep = true;
        return Status::failure(too_deep_message(root, child));
    }
    UniqueFd sub(::openat(parent, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
    if (!sub.valid())
        return Status::failure(open_failure(parent, name, child, errno));
    if (Status done = visit(WalkEntry{parent, name, child, status, sub.get()}); !done)
        return done;
    return push_level(levels, sub.release(), std::move(child));
}

/// Whether readdir says that `entry` is certainly not a directory.
bool surely_not_a_directory(const struct dirent& entry) {
    return entry.d_type != DT_DIR && entry.d_type != DT_UNKNOWN;
}

}  // namespace

Status walk_below(int dir, const std::string& path, const WalkVisitor& visit, bool* too_deep,
                  WalkEntries entries) {
    // A stream of our own: the caller's descriptor stays open and usable.
    const int listing_fd = ::fcntl(dir, F_DUPFD_CLOEXEC, 0);
    if (listing_fd < 0)
        return Status::failure(errno_message("dup", printable(path), errno));
    std::vector<Level> levels;
    levels.reserve(max_walk_depth + 1);
    if (Status pushed = push_level(levels, listing_fd, path); !pushed)
        return pushed;
    // The duplicate shares the caller's offset; start from the first entry.
    ::rewinddir(levels.back().listing.get());
    while (!levels.empty()) {
        errno = 0;
        const struct dirent* entry = ::readdir(levels.back().listing.get());
        if (entry == nullptr) {
            if (errno != 0) {
                return Status::failure(
                    errno_message("readdir", printable(levels.back().path), errno));
            }
            levels.pop_back();  // done with this directory: back to its parent
            continue;
        }
        const std::string_view name = entry->d_name;
        if (name == "." || name == "..")
            continue;
        if (entries == WalkEntries::directories && surely_not_a_directory(*entry))
            continue;
        if (Status done = visit_entry(levels, entry->d_name, path, visit, too_deep, entries); !done)
            return done;
    }
    return ok_status();
}

}  // namespace pmr::effects
