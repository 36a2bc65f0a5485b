#include "effects/nofollow_path.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <vector>

#include "effects/system_error.h"

namespace pmr::effects {

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0)
            ::close(fd_);
        fd_ = other.release();
    }
    return *this;
}

UniqueFd::~UniqueFd() {
    if (fd_ >= 0)
        ::close(fd_);
}

int UniqueFd::release() {
    const int fd = fd_;
    fd_ = -1;
    return fd;
}

std::string open_failure_message(const std::string& path, int error) {
    if (error == ELOOP || error == ENOTDIR) {
        // With O_DIRECTORY|O_NOFOLLOW Linux reports a symbolic link as ENOTDIR; look again,
        // for the message only.
        struct stat status {};
        if (error == ELOOP || (::lstat(path.c_str(), &status) == 0 && S_ISLNK(status.st_mode))) {
            return "open " + path + ": is a symbolic link, not followed";
        }
        return "open " + path + ": not a directory";
    }
    return errno_message("open", path, error);
}

std::vector<std::string> path_components(const std::string& path) {
    std::vector<std::string> components;
    for (std::size_t pos = 1; pos <= path.size();) {
        std::size_t end = path.find('/', pos);
        if (end == std::string::npos)
            end = path.size();
        if (end > pos)
            components.push_back(path.substr(pos, end - pos));
        pos = end + 1;
    }
    return components;
}

namespace {

/// Walks `components[0..count)` from `/`; `walked` names the path reached, for messages.
Expected<UniqueFd> walk(const std::vector<std::string>& components, std::size_t count,
                        int* error_number) {
    UniqueFd dir(::open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir.valid()) {
        if (error_number)
            *error_number = errno;
        return Expected<UniqueFd>::failure(errno_message("open", "/", errno));
    }
    std::string walked;
    for (std::size_t i = 0; i < count; ++i) {
        walked += "/" + components[i];
        UniqueFd next(::openat(dir.get(), components[i].c_str(),
                               O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
        if (!next.valid()) {
            const int error = errno;
            if (error_number)
                *error_number = error;
            return Expected<UniqueFd>::failure(open_failure_message(walked, error));
        }
        dir = std::move(next);
    }
    return dir;
}

}  // namespace

Expected<ParentDirectory> open_parent_directory(const std::string& path, int* error_number) {
    if (path.empty() || path.front() != '/') {
        if (error_number)
            *error_number = EINVAL;
        return Expected<ParentDirectory>::failure(path + ": not an absolute path");
    }
    std::vector<std::string> components = path_components(path);
    if (components.empty()) {
        if (error_number)
            *error_number = EINVAL;
        return Expected<ParentDirectory>::failure(path + ": has no parent directory");
    }
    Expected<UniqueFd> parent = walk(components, components.size() - 1, error_number);
    if (!parent)
        return Expected<ParentDirectory>::failure(parent.error());
    return ParentDirectory{std::move(*parent), components.back()};
}

Expected<UniqueFd> open_directory_nofollow(const std::string& path, int* error_number) {
    if (path.empty() || path.front() != '/') {
        if (error_number)
            *error_number = EINVAL;
        return Expected<UniqueFd>::failure(path + ": not an absolute path");
    }
    std::vector<std::string> components = path_components(path);
    return walk(components, components.size(), error_number);
}

}  // namespace pmr::effects
