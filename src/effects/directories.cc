#include "effects/directories.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <vector>

#include "effects/fault_injection.h"
#include "effects/system_error.h"

namespace pmr::effects {

Status create_directories(const std::string& path, mode_t mode) {
    if (path.empty() || path.front() != '/') {
        return Status::failure("mkdir " + path + ": not an absolute path");
    }
    std::vector<std::string> components;
    for (std::size_t pos = 1; pos <= path.size();) {
        std::size_t end = path.find('/', pos);
        if (end == std::string::npos) end = path.size();
        if (end > pos) components.push_back(path.substr(pos, end - pos));
        pos = end + 1;
    }
    int dir = ::open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0) return Status::failure(errno_message("open", "/", errno));
    std::string walked;
    for (const std::string& component : components) {
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
        ::close(dir);
        if (next < 0) {
            if (error == ELOOP || error == ENOTDIR) {
                return Status::failure("mkdir " + walked +
                                       ": exists and is not a directory (or is a symbolic link)");
            }
            return Status::failure(errno_message("open", walked, error));
        }
        dir = next;
    }
    ::close(dir);
    return ok_status();
}

}  // namespace pmr::effects
