#pragma once

#include <sys/stat.h>

#include <cstddef>
#include <functional>
#include <string>

#include "core/support/expected.h"

namespace pmr::effects {

/// How many directory levels walk_below goes below the directory it starts from. Postfix's
/// queues are shallow: a hashed queue has hash_queue_depth levels of one-character directories
/// (default 1; the hash is taken from the 5 hex digits of a queue ID's microseconds, so more
/// than a few levels spread nothing further), and nothing else Postfix makes below a queue
/// subdirectory is deeper. 64 leaves ample room for any tree a site may keep there, and still
/// bounds what one walk holds: one open directory and its path per level, so at most 65
/// descriptors and a few MB, whatever the postfix user (whom Postfix assumes can be
/// compromised) plants in the queue.
inline constexpr std::size_t max_walk_depth = 64;

/// One entry that walk_below meets. Valid during the visitor's call only.
struct WalkEntry {
    int parent = -1;             ///< the open directory that holds it
    const char* name = nullptr;  ///< its name there
    const std::string& path;     ///< its path, raw: print it through pmr::printable
    const struct stat& status;   ///< fstatat(parent, name, AT_SYMLINK_NOFOLLOW)
    int fd = -1;                 ///< a directory: its open descriptor; otherwise -1
};

/// Which entries walk_below shows its visitor.
enum class WalkEntries {
    all,          ///< every entry
    directories,  ///< directories only; the others are passed over by their readdir type (d_type),
                  ///< without an fstatat each, when the file system reports it
};

/// Called for every entry; a failure stops the walk and is its result.
using WalkVisitor = std::function<Status(const WalkEntry&)>;

/// Visits everything below the open directory `dir` (whose path is `path`), depth first, each
/// directory before its contents, in readdir order. Nothing is followed: entries are examined
/// with fstatat(AT_SYMLINK_NOFOLLOW) relative to their directory's descriptor, and directories
/// are opened with openat(O_DIRECTORY|O_NOFOLLOW) before the visitor sees them. An entry that
/// vanishes before its fstatat is skipped. The walk is iterative, its stack on the heap: one open
/// directory per level, at most max_walk_depth levels below `dir`. A directory deeper than that
/// stops the walk before the visitor sees it, with `PATH: refusing a directory tree more than
/// 64 levels deep (at DEEPER)`, both paths escaped (pmr::printable), and sets `*too_deep` when
/// given. Other failures: `readdir PATH: REASON`, `stat PATH: REASON`, `open PATH: REASON`.
/// `dir` itself stays open and unchanged (its offset aside). With WalkEntries::directories only
/// directories are examined and visited: to check a tree's depth at a fraction of the cost.
[[nodiscard]] Status walk_below(int dir, const std::string& path, const WalkVisitor& visit,
                                bool* too_deep = nullptr, WalkEntries entries = WalkEntries::all);

}  // namespace pmr::effects
