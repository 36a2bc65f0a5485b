#pragma once

#include <sys/stat.h>

#include <functional>
#include <string_view>

namespace pmr::effects {

/// Calls `visit` with each entry of the open directory `fd` (`.` and `..` left out): the
/// directory's descriptor (for openat), the entry's name and its fstatat(AT_SYMLINK_NOFOLLOW)
/// status; entries that cannot be stat'ed are passed over. Takes `fd` and closes it. Returns
/// false when `fd` could not be read as a directory (nothing visited).
bool for_each_entry(
    int fd, const std::function<void(int dir, std::string_view name, const struct stat&)>& visit);

}  // namespace pmr::effects
