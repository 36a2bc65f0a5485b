#pragma once

#include <sys/types.h>

#include <cstddef>
#include <optional>
#include <string>

#include "core/support/expected.h"
#include "effects/nofollow_path.h"

namespace pmr::effects {

/// Whether open_private_directory() may create what is missing.
enum class Create { no, yes };

/// Opens the directory `path` (absolute) as a verified descriptor for files that root writes and
/// trusts (its run lock, its journal). The walk starts at `/` and never follows a symbolic link;
/// every directory on the way must be owned by root or by us (the effective uid) and be writable
/// by no group or other unless it is sticky (like /tmp, where nobody may rename another's
/// entry); the directory itself must be owned by root or us and writable by no group or other.
/// So nobody else can swap, plant or rename anything in it, and files in it can be opened by
/// name relative to the descriptor. With Create::yes, missing components are made
/// with `mode`. Fails with `PATH: refusing a directory not owned by root or writable by others
/// (owner uid N, mode 0NNN)`; with Create::no, a missing directory is nullopt.
[[nodiscard]] Expected<std::optional<UniqueFd>> open_private_directory(const std::string& path,
                                                                       Create create, mode_t mode);

/// Reads the file `name` in the private directory `dir` (`path` names it in messages): opened
/// without following a symbolic link and without blocking (a FIFO or a device is refused, not
/// waited on), and trusted only when it is a regular file with one link, owned by root or us and
/// writable by no group or other. nullopt when it does not exist.
[[nodiscard]] Expected<std::optional<std::string>> read_private_file(
    int dir, const std::string& name, const std::string& path, std::size_t max_size = 1u << 20);

/// Replaces the file `name` in the private directory `dir` with `content`, atomically and
/// durably: a temporary `NAME.tmp` created exclusively (O_EXCL; a leftover of a crash is removed
/// first), written, given `mode`, synced, renamed over `name`, and the directory synced.
[[nodiscard]] Status replace_private_file(int dir, const std::string& name, const std::string& path,
                                          const std::string& content, mode_t mode);

/// Removes the file `name` from the private directory `dir`, durably; a missing file is success.
[[nodiscard]] Status remove_private_file(int dir, const std::string& name, const std::string& path);

}  // namespace pmr::effects
