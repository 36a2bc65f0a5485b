#include "effects/edit_file.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <thread>

#include "effects/fault_injection.h"
#include "effects/read_file.h"
#include "effects/system_error.h"
#include "effects/write_all.h"

namespace pmr::effects {

namespace {

constexpr mode_t temporary_mode = 0600;  // no group or other access until the final fchmod
constexpr mode_t permission_bits = 07777;

/// An open descriptor that is closed on every path out of a scope.
class Descriptor {
  public:
    explicit Descriptor(int fd) : fd_(fd) {}
    Descriptor(const Descriptor&) = delete;
    Descriptor& operator=(const Descriptor&) = delete;
    ~Descriptor() {
        if (fd_ >= 0)
            ::close(fd_);
    }
    [[nodiscard]] int get() const { return fd_; }

  private:
    int fd_;
};

std::string directory_of(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos)
        return ".";
    if (slash == 0)
        return "/";
    return path.substr(0, slash);
}

/// Takes an exclusive flock() on `fd`, waiting until `deadline` at most: whoever holds it
/// (postconf -e, for milliseconds; or a hostile process, forever) cannot block us for good.
Status lock_until(int fd, const std::string& path, std::chrono::steady_clock::time_point deadline,
                  std::chrono::seconds waited) {
    while (::flock(fd, LOCK_EX | LOCK_NB) < 0) {
        if (errno == EINTR)
            continue;
        if (errno != EWOULDBLOCK)
            return Status::failure(errno_message("lock", path, errno));
        if (std::chrono::steady_clock::now() >= deadline) {
            return Status::failure("lock " + path + ": still held by another process after " +
                                   std::to_string(waited.count()) + " s (see --lock-timeout)");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return ok_status();
}

/// Opens and locks `tmp_path` under the protocol's rules; retries while another writer wins.
Expected<int> open_locked_temporary(const std::string& tmp_path,
                                    std::chrono::seconds lock_timeout) {
    const std::chrono::seconds waited = std::max(lock_timeout, minimum_lock_wait);
    const auto deadline = std::chrono::steady_clock::now() + waited;
    for (;;) {
        // O_NONBLOCK: a FIFO planted under the temporary name must not hang the open.
        const int fd = ::open(tmp_path.c_str(),
                              O_CREAT | O_WRONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC,
                              temporary_mode);
        if (fd < 0)
            return Expected<int>::failure(errno_message("open", tmp_path, errno));
        if (auto locked = lock_until(fd, tmp_path, deadline, waited); !locked) {
            ::close(fd);
            return Expected<int>::failure(locked.error());
        }
        struct stat locked {};
        struct stat named {};
        if (::fstat(fd, &locked) < 0) {
            const int error = errno;
            ::close(fd);
            return Expected<int>::failure(errno_message("stat", tmp_path, error));
        }
        // Another writer may have renamed or removed the file while we waited for the lock.
        if (::lstat(tmp_path.c_str(), &named) < 0 || named.st_dev != locked.st_dev ||
            named.st_ino != locked.st_ino) {
            ::close(fd);
            continue;
        }
        // Left over by a crash in an odd state: remove it and start again, as Postfix does.
        if (!S_ISREG(named.st_mode) || named.st_nlink > 1 ||
            (named.st_mode & permission_bits) != temporary_mode) {
            const bool removed = ::unlink(tmp_path.c_str()) == 0 || errno == ENOENT;
            const int error = errno;
            ::close(fd);
            if (!removed)
                return Expected<int>::failure(errno_message("unlink", tmp_path, error));
            continue;
        }
        if (::ftruncate(fd, 0) < 0) {
            const int error = errno;
            ::close(fd);
            return Expected<int>::failure(errno_message("truncate", tmp_path, error));
        }
        return fd;
    }
}

}  // namespace

Expected<bool> edit_file(const std::string& path, mode_t final_mode, const FileTransform& transform,
                         std::chrono::seconds lock_timeout) {
    const std::string tmp_path = path + ".tmp";
    auto opened = open_locked_temporary(tmp_path, lock_timeout);
    if (!opened)
        return Expected<bool>::failure(opened.error());
    const Descriptor tmp(*opened);
    // Only unlink the temporary name while we still hold the lock on it.
    auto abandon = [&](std::string reason) {
        ::unlink(tmp_path.c_str());
        return Expected<bool>::failure(std::move(reason));
    };

    std::optional<std::string> current;
    struct stat existing {};
    if (::lstat(path.c_str(), &existing) == 0) {
        auto read = read_file(path, Symlinks::refuse);
        if (!read)
            return abandon(read.error());
        current = std::move(read).value();
    } else if (errno != ENOENT) {
        return abandon(errno_message("stat", path, errno));
    }

    auto wanted = transform(current);
    if (!wanted)
        return abandon(wanted.error());
    if (!wanted.value() || wanted.value() == current) {
        ::unlink(tmp_path.c_str());
        return false;
    }

    if (auto written = write_all(tmp.get(), *wanted.value(), tmp_path); !written) {
        return abandon(written.error());
    }
    fault_point("edit_file: temporary file written");
    if (::fchmod(tmp.get(), final_mode) < 0)
        return abandon(errno_message("chmod", tmp_path, errno));
    if (::fsync(tmp.get()) < 0)
        return abandon(errno_message("fsync", tmp_path, errno));
    fault_point("edit_file: temporary file synced");
    if (::rename(tmp_path.c_str(), path.c_str()) < 0) {
        return abandon(errno_message("rename", tmp_path, errno));
    }
    fault_point("edit_file: renamed");
    // Make the rename itself durable: without this a power loss may bring back the old name.
    const std::string directory = directory_of(path);
    const Descriptor dir(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir.get() >= 0)
        ::fsync(dir.get());
    return true;
}

Expected<bool> replace_file(const std::string& path, const std::string& content, mode_t final_mode,
                            std::chrono::seconds lock_timeout) {
    return edit_file(
        path, final_mode,
        [&](const std::optional<std::string>&) -> Expected<std::optional<std::string>> {
            return std::optional<std::string>(content);
        },
        lock_timeout);
}

}  // namespace pmr::effects
