#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "core/support/expected.h"

namespace pmr::effects {

/// Computes a file's new content from its current content (nullopt when the file does not exist).
/// Returning nullopt leaves the file as it is; a failure aborts the edit with nothing changed.
using FileTransform =
    std::function<Expected<std::optional<std::string>>(const std::optional<std::string>& current)>;

/// Rewrites `path` with Postfix's edit_file protocol, so that pmreconcile and a concurrent
/// `postconf -e` never interleave: create `PATH.tmp` mode 0600 without truncating, take an
/// exclusive flock() on it, make sure it is still the file under that name (else retry), then
/// read the current content, write the new one, fchmod to `final_mode`, fsync, rename over `path`
/// and fsync the directory. The lock is held from before the read until after the rename, so
/// read-modify-write cycles are serialised. Symbolic links are never followed, and no open
/// blocks (O_NONBLOCK: a FIFO in the way is refused).
///
/// The lock is waited for `lock_timeout` (--lock-timeout), but at least minimum_lock_wait:
/// Postfix's own writers hold it for milliseconds, and a holder that keeps it longer makes the
/// edit fail (`lock PATH.tmp: still held by another process after N s`) instead of hanging.
///
/// Returns whether the file changed. Whatever happens, `path` holds either its old or its new
/// bytes, never a mix.
[[nodiscard]] Expected<bool> edit_file(const std::string& path, mode_t final_mode,
                                       const FileTransform& transform,
                                       std::chrono::seconds lock_timeout);

/// Replaces `path` with `content` through edit_file(); returns whether the bytes changed.
[[nodiscard]] Expected<bool> replace_file(const std::string& path, const std::string& content,
                                          mode_t final_mode, std::chrono::seconds lock_timeout);

/// The shortest wait for an edit_file() lock, whatever --lock-timeout says (its default is 0).
inline constexpr std::chrono::seconds minimum_lock_wait{10};

}  // namespace pmr::effects
