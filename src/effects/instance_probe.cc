#include "effects/instance_probe.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

namespace pmr::effects {

namespace {

/// Counts regular files below the directory `fd` (which it closes), depth-first.
std::size_t count_files(int fd, int depth) {
    DIR* dir = ::fdopendir(fd);
    if (dir == nullptr) {
        ::close(fd);
        return 0;
    }
    std::size_t count = 0;
    while (const dirent* entry = ::readdir(dir)) {
        const std::string_view name = entry->d_name;
        if (name == "." || name == "..") continue;
        struct stat st {};
        if (::fstatat(::dirfd(dir), entry->d_name, &st, AT_SYMLINK_NOFOLLOW) < 0) continue;
        if (S_ISREG(st.st_mode)) {
            ++count;
        } else if (S_ISDIR(st.st_mode) && depth < 4) {  // deferred/ and defer/ hash levels
            const int child = ::openat(::dirfd(dir), entry->d_name,
                                       O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
            if (child >= 0) count += count_files(child, depth + 1);
        }
    }
    ::closedir(dir);
    return count;
}

}  // namespace

bool master_running(const std::string& queue_directory) {
    const std::string path = queue_directory + "/pid/master.pid";
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) return false;
    const bool locked = ::flock(fd, LOCK_SH | LOCK_NB) < 0 && errno == EWOULDBLOCK;
    ::close(fd);  // releases our lock at once, if we got it
    return locked;
}

std::size_t count_queued_messages(const std::string& queue_directory) {
    std::size_t count = 0;
    for (const char* queue : {"maildrop", "incoming", "active", "deferred", "hold", "corrupt"}) {
        const std::string path = queue_directory + "/" + queue;
        const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd >= 0) count += count_files(fd, 0);
    }
    return count;
}

}  // namespace pmr::effects
