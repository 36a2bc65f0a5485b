#pragma once

#include <sys/types.h>

#include <string>

#include "core/support/expected.h"

namespace pmr::effects {

/// `mkdir -p PATH`: creates every missing component of the absolute `path` with `mode`
/// (before the umask), never following a symbolic link on the way. Existing directories are
/// left as they are. A failure reads `mkdir DIR: REASON`, DIR the component it stopped at
/// (`File exists` when the last one is no directory, `Not a directory` for one before it), or
/// `open DIR: REASON`.
[[nodiscard]] Status create_directories(const std::string& path, mode_t mode);

}  // namespace pmr::effects
