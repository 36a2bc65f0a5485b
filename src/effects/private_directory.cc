#include "effects/private_directory.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <vector>

#include "effects/fault_injection.h"
#include "effects/system_error.h"
#include "effects/write_all.h"

namespace pmr::effects {

namespace {

constexpr mode_t writable_by_others = S_IWGRP | S_IWOTH;
constexpr int open_flags = O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC;

bool owned_by_root_or_us(const struct stat& st) {
    return st.st_uid == 0 || st.st_uid == ::geteuid();
}

/// `PATH: refusing a file not owned by root or writable by others (owner uid 4242, mode 0600,
/// 1 link)`: root only trusts what nobody else could have written or swapped.
std::string refusal(const std::string& path, const struct stat& st, const char* what) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return path + ": refusing " + what + " not owned by root or writable by others (owner uid " +
           std::to_string(st.st_uid) + ", mode " + mode + ", " + std::to_string(st.st_nlink) +
           (st.st_nlink == 1 ? " link)" : " links)");
}

/// Checks a directory reached on the walk: root's or ours, and writable by nobody else; an
/// ancestor may be sticky and world-writable (/tmp), where nobody may rename another's entry.
Status check_directory(int fd, const std::string& path, bool last) {
    struct stat st {};
    if (::fstat(fd, &st) < 0)
        return Status::failure(errno_message("stat", path, errno));
    const bool shared = (st.st_mode & writable_by_others) != 0;
    const bool trusted =
        owned_by_root_or_us(st) && (!shared || (!last && (st.st_mode & S_ISVTX) != 0));
    if (!trusted)
        return Status::failure(refusal(path, st, "a directory"));
    return ok_status();
}

/// Opens (making it first with Create::yes) the directory `name` below `parent`.
/// `*error` receives the errno of a failure.
Expected<UniqueFd> step_into(int parent, const std::string& name, const std::string& walked,
                             Create create, mode_t mode, int* error) {
    if (create == Create::yes) {
        if (::mkdirat(parent, name.c_str(), mode) == 0) {
            fault_point("mkdir");
        } else if (errno != EEXIST) {
            *error = errno;
            return Expected<UniqueFd>::failure(errno_message("mkdir", walked, *error));
        }
    }
    UniqueFd next(::openat(parent, name.c_str(), O_RDONLY | O_DIRECTORY | open_flags));
    if (!next.valid()) {
        *error = errno;
        return Expected<UniqueFd>::failure(open_failure_message(walked, *error));
    }
    return next;
}

}  // namespace

Expected<std::optional<UniqueFd>> open_private_directory(const std::string& path, Create create,
                                                         mode_t mode) {
    using Result = Expected<std::optional<UniqueFd>>;
    if (path.empty() || path.front() != '/')
        return Result::failure(path + ": not an absolute path");
    const std::vector<std::string> components = path_components(path);
    UniqueFd dir(::open("/", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!dir.valid())
        return Result::failure(errno_message("open", "/", errno));
    if (auto checked = check_directory(dir.get(), "/", components.empty()); !checked) {
        return Result::failure(checked.error());
    }
    std::string walked;
    for (std::size_t i = 0; i < components.size(); ++i) {
        walked += "/" + components[i];
        int error = 0;
        auto next = step_into(dir.get(), components[i], walked, create, mode, &error);
        if (!next) {
            if (error == ENOENT && create == Create::no)
                return std::optional<UniqueFd>();
            return Result::failure(next.error());
        }
        if (auto checked = check_directory(next->get(), walked, i + 1 == components.size());
            !checked) {
            return Result::failure(checked.error());
        }
        dir = std::move(*next);
    }
    return std::optional<UniqueFd>(std::move(dir));
}

Expected<std::optional<std::string>> read_private_file(int dir, const std::string& name,
                                                       const std::string& path,
                                                       std::size_t max_size) {
    using Result = Expected<std::optional<std::string>>;
    UniqueFd fd(::openat(dir, name.c_str(), O_RDONLY | open_flags));
    if (!fd.valid()) {
        if (errno == ENOENT)
            return std::optional<std::string>();
        if (errno == ELOOP)
            return Result::failure("open " + path + ": is a symbolic link, refusing to follow it");
        return Result::failure(errno_message("open", path, errno));
    }
    struct stat st {};
    if (::fstat(fd.get(), &st) < 0)
        return Result::failure(errno_message("stat", path, errno));
    if (!S_ISREG(st.st_mode))
        return Result::failure("open " + path + ": not a regular file");
    if (!owned_by_root_or_us(st) || (st.st_mode & writable_by_others) != 0 || st.st_nlink != 1) {
        return Result::failure(refusal(path, st, "a file"));
    }
    if (static_cast<std::size_t>(st.st_size) > max_size) {
        return Result::failure("read " + path + ": file too large (" + std::to_string(st.st_size) +
                               " bytes)");
    }
    std::string content(static_cast<std::size_t>(st.st_size) + 1, '\0');
    std::size_t done = 0;
    for (;;) {
        if (done == content.size()) {
            if (done > max_size)
                return Result::failure("read " + path + ": file too large");
            content.resize(content.size() * 2);
        }
        const ssize_t n = ::read(fd.get(), content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return Result::failure(errno_message("read", path, errno));
        if (n == 0)
            break;
        done += static_cast<std::size_t>(n);
    }
    if (done > max_size)
        return Result::failure("read " + path + ": file too large");
    content.resize(done);
    return std::optional<std::string>(std::move(content));
}

Status replace_private_file(int dir, const std::string& name, const std::string& path,
                            const std::string& content, mode_t mode) {
    const std::string tmp_name = name + ".tmp";
    const std::string tmp_path = path + ".tmp";
    // Only we can write this directory: a temporary left there is a crash's, never another's.
    if (::unlinkat(dir, tmp_name.c_str(), 0) < 0 && errno != ENOENT) {
        return Status::failure(errno_message("remove", tmp_path, errno));
    }
    UniqueFd fd(::openat(dir, tmp_name.c_str(), O_WRONLY | O_CREAT | O_EXCL | open_flags, 0600));
    if (!fd.valid())
        return Status::failure(errno_message("create", tmp_path, errno));
    auto abandon = [&](std::string reason) {
        ::unlinkat(dir, tmp_name.c_str(), 0);
        return Status::failure(std::move(reason));
    };
    if (auto written = write_all(fd.get(), content, tmp_path); !written)
        return abandon(written.error());
    if (::fchmod(fd.get(), mode) < 0)
        return abandon(errno_message("chmod", tmp_path, errno));
    if (::fsync(fd.get()) < 0)
        return abandon(errno_message("fsync", tmp_path, errno));
    if (::renameat(dir, tmp_name.c_str(), dir, name.c_str()) < 0) {
        return abandon(errno_message("rename", tmp_path, errno));
    }
    if (::fsync(dir) < 0)
        return Status::failure(errno_message("fsync", path, errno));
    return ok_status();
}

Status remove_private_file(int dir, const std::string& name, const std::string& path) {
    if (::unlinkat(dir, name.c_str(), 0) < 0) {
        if (errno == ENOENT)
            return ok_status();
        return Status::failure(errno_message("remove", path, errno));
    }
    if (::fsync(dir) < 0)
        return Status::failure(errno_message("fsync", path, errno));
    return ok_status();
}

}  // namespace pmr::effects
