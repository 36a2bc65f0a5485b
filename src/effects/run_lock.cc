#include "effects/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <optional>
#include <thread>

#include "effects/directories.h"
#include "effects/read_file.h"
#include "effects/system_error.h"

namespace pmr::effects {

namespace {

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

/// Who holds the lock, from what the holder wrote into it.
std::string describe_holder(const std::string& path) {
    auto text = read_file(path, Symlinks::refuse, 64 * 1024);
    if (!text || text->empty()) return "holder unknown";
    std::string content = std::move(text).value();
    // Written as three lines: pid, command line, start time.
    const auto first = content.find('\n');
    const auto second = first == std::string::npos ? first : content.find('\n', first + 1);
    if (second == std::string::npos) return "holder unknown";
    std::string third = content.substr(second + 1);
    while (!third.empty() && third.back() == '\n') third.pop_back();
    return "pid " + content.substr(0, first) + ": " +
           content.substr(first + 1, second - first - 1) + ", since " + third;
}

}  // namespace

RunLock::~RunLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

namespace {

/// The command line of process `pid` ("self" included), words joined by spaces.
std::optional<std::string> command_line_of(const std::string& pid) {
    auto text = read_file("/proc/" + pid + "/cmdline", Symlinks::follow, 1 << 20);
    if (!text) return std::nullopt;
    std::string line = std::move(text).value();
    while (!line.empty() && line.back() == '\0') line.pop_back();
    for (char& c : line) {
        if (c == '\0' || c == '\n') c = ' ';
    }
    return line;
}

}  // namespace

std::string own_command_line() { return command_line_of("self").value_or("pmreconcile"); }

std::optional<std::string> running_holder(const std::string& path) {
    auto text = read_file(path, Symlinks::refuse, 64 * 1024);
    if (!text) return std::nullopt;
    const std::string& content = *text;
    const auto first = content.find('\n');
    const auto second = first == std::string::npos ? first : content.find('\n', first + 1);
    if (second == std::string::npos) return std::nullopt;
    const std::string pid = content.substr(0, first);
    if (pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
    if (command_line_of(pid) != content.substr(first + 1, second - first - 1)) return std::nullopt;
    return describe_holder(path);
}

Expected<RunLock> RunLock::acquire(const std::string& path, std::chrono::seconds timeout,
                                   const std::string& command_line) {
    using Result = Expected<RunLock>;
    const auto slash = path.rfind('/');
    std::optional<uid_t> owner;
    if (slash != std::string::npos && slash > 0) {
        auto made = create_directory_owned_like_parent(path.substr(0, slash), 0700);
        if (!made) return Result::failure(made.error());
        owner = *made;
    }
    const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return Result::failure(errno_message("open", path, errno));
    RunLock lock(fd);
    struct stat st {};
    if (owner && ::fstat(fd, &st) == 0 && st.st_uid != *owner &&
        ::fchown(fd, *owner, static_cast<gid_t>(-1)) < 0) {
        return Result::failure(errno_message("chown", path, errno));
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (::flock(fd, LOCK_EX | LOCK_NB) < 0) {
        if (errno != EWOULDBLOCK) return Result::failure(errno_message("lock", path, errno));
        if (std::chrono::steady_clock::now() >= deadline) {
            return Result::failure("another pmreconcile is running (" + describe_holder(path) +
                                   "); waited " + std::to_string(timeout.count()) +
                                   " s for its lock " + path + " (see --lock-timeout)");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const std::string holder =
        std::to_string(::getpid()) + "\n" + command_line + "\n" + utc_now() + "\n";
    if (::ftruncate(fd, 0) == 0) {
        // Best effort: the record is information for others, the flock is the lock.
        [[maybe_unused]] const ssize_t written = ::pwrite(fd, holder.data(), holder.size(), 0);
    }
    return Result(std::move(lock));
}

}  // namespace pmr::effects
