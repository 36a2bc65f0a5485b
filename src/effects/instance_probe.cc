#include "effects/instance_probe.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "effects/directory_entries.h"

namespace pmr::effects {

namespace {

/// Levels of subdirectories counted below a queue: Postfix sets no upper limit on
/// hash_queue_depth (one level per character of the queue ID), so the bound is far beyond any
/// real one and only stops a hostile tree from exhausting file descriptors.
constexpr int max_queue_depth = 64;

/// Counts regular files below the directory `fd` (which it closes), depth-first, at any
/// hash_queue_depth. A directory that cannot be read, or lies deeper than max_queue_depth,
/// counts as one message: it cannot be shown to be empty, and mail must not be lost on a guess.
std::size_t count_files(int fd, int depth) {
    std::size_t count = 0;
    const bool read =
        for_each_entry(fd, [&](int dir, std::string_view name, const struct stat& st) {
            if (S_ISREG(st.st_mode)) {
                ++count;
            } else if (S_ISDIR(st.st_mode)) {
                const int child = depth < max_queue_depth
                                      ? ::openat(dir, std::string(name).c_str(),
                                                 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
                                      : -1;
                count += child >= 0 ? count_files(child, depth + 1) : 1;
            }
        });
    return read ? count : 1;
}

}  // namespace

bool master_running(const std::string& queue_directory) {
    const std::string path = queue_directory + "/pid/master.pid";
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool locked = ::flock(fd, LOCK_SH | LOCK_NB) < 0 && errno == EWOULDBLOCK;
    ::close(fd);  // releases our lock at once, if we got it
    return locked;
}

std::size_t count_queued_messages(const std::string& queue_directory) {
    std::size_t count = 0;
    for (const char* queue : {"maildrop", "incoming", "active", "deferred", "hold", "corrupt"}) {
        const std::string path = queue_directory + "/" + queue;
        const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd >= 0) {
            count += count_files(fd, 0);
        } else if (errno != ENOENT) {
            ++count;  // there but unreadable (or a symbolic link Postfix would follow)
        }
    }
    return count;
}

}  // namespace pmr::effects
