#include "effects/output_file.h"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <deque>

#include "effects/nofollow_path.h"
#include "effects/system_error.h"
#include "effects/write_all.h"

namespace pmr::effects {

namespace {

constexpr int max_symbolic_links = 40;  // as the kernel's own path walk (ELOOP)
constexpr int directory_flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC;

std::deque<std::string> components_of(const std::string& path) {
    std::deque<std::string> components;
    for (std::size_t pos = 0; pos <= path.size();) {
        std::size_t end = path.find('/', pos);
        if (end == std::string::npos)
            end = path.size();
        if (end > pos)
            components.emplace_back(path.substr(pos, end - pos));
        pos = end + 1;
    }
    return components;
}

/// Whether nobody but root and us could have created or replaced the link `name` in `dir`.
bool trusted_link(int dir, const std::string& name) {
    struct stat parent {};
    struct stat link {};
    if (::fstat(dir, &parent) < 0 || ::fstatat(dir, name.c_str(), &link, AT_SYMLINK_NOFOLLOW) < 0) {
        return false;
    }
    const auto ours = [](uid_t uid) { return uid == 0 || uid == ::geteuid(); };
    const bool parent_shared = (parent.st_mode & (S_IWGRP | S_IWOTH)) != 0;
    return S_ISLNK(link.st_mode) && ours(link.st_uid) && ours(parent.st_uid) &&
           (!parent_shared || (parent.st_mode & S_ISVTX) != 0);
}

/// The directory `path` names, open; symbolic links followed only where trusted_link() holds.
Expected<UniqueFd> open_directory_trusting_links(const std::string& path) {
    using Result = Expected<UniqueFd>;
    UniqueFd dir(::open(path.starts_with('/') ? "/" : ".", directory_flags));
    if (!dir.valid())
        return Result::failure(errno_message("open", path, errno));
    std::deque<std::string> left = components_of(path);
    int links = 0;
    while (!left.empty()) {
        const std::string name = left.front();
        left.pop_front();
        UniqueFd next(::openat(dir.get(), name.c_str(), directory_flags));
        if (next.valid()) {
            dir = std::move(next);
            continue;
        }
        const int error = errno;
        if ((error != ELOOP && error != ENOTDIR) || !trusted_link(dir.get(), name)) {
            if (error == ELOOP || error == ENOTDIR) {
                return Result::failure("open " + path + ": a symbolic link on the way (" + name +
                                       ") could have been placed by another user; not followed");
            }
            return Result::failure(errno_message("open", path, error));
        }
        if (++links > max_symbolic_links)
            return Result::failure(errno_message("open", path, ELOOP));
        char target[4096];
        const ssize_t n = ::readlinkat(dir.get(), name.c_str(), target, sizeof target - 1);
        if (n < 0)
            return Result::failure(errno_message("readlink", path, errno));
        const std::string link(target, static_cast<std::size_t>(n));
        std::deque<std::string> expanded = components_of(link);
        left.insert(left.begin(), expanded.begin(), expanded.end());
        if (link.starts_with('/')) {
            dir = UniqueFd(::open("/", directory_flags));
            if (!dir.valid())
                return Result::failure(errno_message("open", "/", errno));
        }
    }
    return dir;
}

/// A fresh name for the temporary file: `.LEAF.` and 16 random hexadecimal digits.
std::string temporary_name(const std::string& leaf) {
    unsigned char bytes[8] = {};
    if (::getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes)) {
        // Never fatal: O_EXCL below still refuses a name that exists.
        const auto seed =
            static_cast<unsigned long>(::getpid()) ^ static_cast<unsigned long>(::time(nullptr));
        for (std::size_t i = 0; i < sizeof bytes; ++i)
            bytes[i] = static_cast<unsigned char>(seed >> (i * 4));
    }
    static constexpr char hex[] = "0123456789abcdef";
    std::string name = "." + leaf + ".";
    for (const unsigned char b : bytes) {
        name += hex[b >> 4];
        name += hex[b & 0xf];
    }
    return name;
}

}  // namespace

Status write_output_file(const std::string& path, const std::string& content, mode_t mode) {
    const auto slash = path.rfind('/');
    const std::string leaf = slash == std::string::npos ? path : path.substr(slash + 1);
    if (leaf.empty() || leaf == "." || leaf == "..")
        return Status::failure(path + ": not a file name");
    const std::string directory = slash == std::string::npos ? "." : path.substr(0, slash + 1);
    auto dir = open_directory_trusting_links(directory);
    if (!dir)
        return Status::failure(dir.error());
    std::string tmp_name;
    UniqueFd fd;
    for (int attempt = 0; attempt < 8 && !fd.valid(); ++attempt) {
        tmp_name = temporary_name(leaf);
        fd = UniqueFd(::openat(
            dir->get(), tmp_name.c_str(),
            O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0600));
        if (!fd.valid() && errno != EEXIST)
            return Status::failure(errno_message("create", path, errno));
    }
    if (!fd.valid())
        return Status::failure(errno_message("create", path, EEXIST));
    auto abandon = [&](std::string reason) {
        ::unlinkat(dir->get(), tmp_name.c_str(), 0);
        return Status::failure(std::move(reason));
    };
    if (auto written = write_all(fd.get(), content, path); !written)
        return abandon(written.error());
    if (::fchmod(fd.get(), mode) < 0)
        return abandon(errno_message("chmod", path, errno));
    if (::fsync(fd.get()) < 0)
        return abandon(errno_message("fsync", path, errno));
    if (::renameat(dir->get(), tmp_name.c_str(), dir->get(), leaf.c_str()) < 0) {
        return abandon(errno_message("rename", path, errno));
    }
    ::fsync(dir->get());  // the rename made durable; a failure here loses nothing written
    return ok_status();
}

}  // namespace pmr::effects
