#include "effects/directories.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <vector>

#include "effects/fault_injection.h"
#include "effects/nofollow_path.h"
#include "effects/system_error.h"

namespace pmr::effects {

namespace {

/// The failure for a component that exists but is no directory, errno as `mkdir -p` has it:
/// EEXIST for the last component, ENOTDIR for one before it. A symbolic link is refused, not
/// followed.
Status not_a_directory(int parent, const std::string& component, const std::string& walked,
                       bool last) {
    struct stat st {};
    if (::fstatat(parent, component.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 &&
        S_ISLNK(st.st_mode)) {
        return Status::failure("mkdir " + walked + ": is a symbolic link, not followed");
    }
    return Status::failure(errno_message("mkdir", walked, last ? EEXIST : ENOTDIR));
}

}  // namespace

Status create_directories(const std::string& path, mode_t mode) {
    if (path.empty() || path.front() != '/') {
        return Status::failure("mkdir " + path + ": not an absolute path");
    }
    const std::vector<std::string> components = path_components(path);
    int dir = ::open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0)
        return Status::failure(errno_message("open", "/", errno));
    std::string walked;
    for (std::size_t i = 0; i < components.size(); ++i) {
        const std::string& component = components[i];
        walked += "/" + component;
        if (::mkdirat(dir, component.c_str(), mode) == 0) {
            fault_point("mkdir");
        } else if (errno != EEXIST) {
            const int error = errno;
            ::close(dir);
            return Status::failure(errno_message("mkdir", walked, error));
        }
        // O_NOFOLLOW: a symbolic link planted in the path is refused, not followed.
        const int next =
            ::openat(dir, component.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        const int error = errno;
        if (next < 0 && (error == ELOOP || error == ENOTDIR)) {
            Status refused = not_a_directory(dir, component, walked, i + 1 == components.size());
            ::close(dir);
            return refused;
        }
        ::close(dir);
        if (next < 0)
            return Status::failure(errno_message("open", walked, error));
        dir = next;
    }
    ::close(dir);
    return ok_status();
}

}  // namespace pmr::effects
