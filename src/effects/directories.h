#pragma once

#include <sys/types.h>

#include <string>

#include "core/support/expected.h"

namespace pmr::effects {

/// `mkdir -p PATH`: creates every missing component of the absolute `path` with `mode`
/// (before the umask), never following a symbolic link on the way. Existing directories are
/// left as they are.
[[nodiscard]] Status create_directories(const std::string& path, mode_t mode);

/// create_directories(path, mode), then gives the directory `path` the owner of the directory
/// above it (the group stays) and returns that owner. For pmreconcile's state directory in
/// Postfix's data_directory: everything there must belong to mail_owner, data_directory's owner,
/// or `postfix check` (run by every `postfix start`) warns `not owned by postfix`. The directory
/// is changed through a descriptor opened without following a symbolic link.
[[nodiscard]] Expected<uid_t> create_directory_owned_like_parent(const std::string& path,
                                                                 mode_t mode);

}  // namespace pmr::effects
