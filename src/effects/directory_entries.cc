#include "effects/directory_entries.h"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

namespace pmr::effects {

bool for_each_entry(
    int fd, const std::function<void(int dir, std::string_view name, const struct stat&)>& visit) {
    DIR* dir = ::fdopendir(fd);
    if (dir == nullptr) {
        ::close(fd);
        return false;
    }
    while (const dirent* entry = ::readdir(dir)) {
        const std::string_view name = entry->d_name;
        if (name == "." || name == "..")
            continue;
        struct stat st {};
        if (::fstatat(::dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0)
            continue;
        visit(::dirfd(dir), name, st);
    }
    ::closedir(dir);
    return true;
}

}  // namespace pmr::effects
