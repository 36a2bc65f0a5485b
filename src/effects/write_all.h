#pragma once

#include <string>
#include <string_view>

#include "core/support/expected.h"

namespace pmr::effects {

/// Writes all of `content` to `fd`, going on after short writes and EINTR; `path` names the file
/// in the failure (`write PATH: No space left on device`).
[[nodiscard]] Status write_all(int fd, std::string_view content, const std::string& path);

}  // namespace pmr::effects
