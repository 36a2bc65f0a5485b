#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "core/support/expected.h"

namespace pmr::effects {

/// How to treat the last component of a path that is a symbolic link.
enum class Symlinks { follow, refuse };

/// Reads a whole regular file, opened without blocking (a FIFO or a device is refused as `not a
/// regular file`, never waited on) and without becoming a controlling terminal. With
/// Symlinks::refuse a symbolic link is not followed (O_NOFOLLOW) and is reported as such. Files
/// larger than `max_size` are refused rather than read.
[[nodiscard]] Expected<std::string> read_file(const std::string& path,
                                              Symlinks symlinks = Symlinks::refuse,
                                              std::size_t max_size = 64u << 20);

/// Reads a manifest the administrator names: `-` is standard input, a FIFO or a pipe
/// (`-f <(generate)`, `/dev/fd/N`) is read to its end, waiting for its writer as they chose;
/// anything else as read_file() with Symlinks::follow. More than `max_size` bytes is refused
/// while reading, a pipe's too (`read <stdin>: more than N bytes`).
[[nodiscard]] Expected<std::string> read_manifest_input(const std::string& path,
                                                        std::size_t max_size);

/// The name a manifest read by read_manifest_input() has in messages: `<stdin>` for `-`.
[[nodiscard]] std::string manifest_input_name(const std::string& path);

/// Reads a Postfix configuration file the declarative commands may trust: a regular file, not a
/// symbolic link, and not writable by everyone (`PATH: refusing a world-writable main.cf`).
[[nodiscard]] Expected<std::string> read_config_file(const std::string& path);

/// read_config_file(), with nullopt for a file that does not exist (one open, no stat first).
[[nodiscard]] Expected<std::optional<std::string>> read_config_file_if_exists(
    const std::string& path);

/// Reads a file only root may have written: a regular file, not a symbolic link, owned by uid 0
/// and writable by no group or other (`PATH: refusing a file not owned by root ...`).
[[nodiscard]] Expected<std::string> read_root_file(const std::string& path,
                                                   std::size_t max_size = 1u << 20);

}  // namespace pmr::effects
