#include "effects/run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>
#include <thread>

#include "core/support/printable.h"
#include "effects/private_directory.h"
#include "effects/read_file.h"
#include "effects/system_error.h"

namespace pmr::effects {

namespace {

constexpr std::size_t max_record_size = 64 * 1024;

std::string utc_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    ::gmtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
    return text;
}

/// A holder's record as written by acquire(): three lines, pid, command line and start time.
struct HolderRecord {
    std::string pid;
    std::string command_line;
    std::string since;
};

std::optional<HolderRecord> parse_record(const std::string& content) {
    const auto first = content.find('\n');
    const auto second = first == std::string::npos ? first : content.find('\n', first + 1);
    if (second == std::string::npos)
        return std::nullopt;
    std::string since = content.substr(second + 1);
    while (!since.empty() && since.back() == '\n')
        since.pop_back();
    return HolderRecord{content.substr(0, first), content.substr(first + 1, second - first - 1),
                        std::move(since)};
}

/// The holder's record of the lock file, read through the state directory's descriptor.
std::optional<HolderRecord> read_record(const StateFiles& files) {
    auto dir = open_state_directory(files, Create::no);
    if (!dir || !*dir)
        return std::nullopt;
    auto text =
        read_private_file((*dir)->get(), StateFiles::lock_name, files.lock(), max_record_size);
    if (!text || !*text)
        return std::nullopt;
    return parse_record(**text);
}

/// Whoever wrote the record may have written anything: it is shown escaped.
std::string describe(const std::optional<HolderRecord>& record) {
    if (!record)
        return "holder unknown";
    return printable("pid " + record->pid + ": " + record->command_line + ", since " +
                     record->since);
}

/// The command line of process `pid` ("self" included), words joined by spaces.
std::optional<std::string> command_line_of(const std::string& pid) {
    auto text = read_file("/proc/" + pid + "/cmdline", Symlinks::follow, 1 << 20);
    if (!text)
        return std::nullopt;
    std::string line = std::move(text).value();
    while (!line.empty() && line.back() == '\0')
        line.pop_back();
    for (char& c : line) {
        if (c == '\0' || c == '\n')
            c = ' ';
    }
    return line;
}

/// Opens (creating it) the lock file in the verified state directory `dir`: refused unless it is
/// a regular file of ours with a single link, so a hard link to another file cannot be taken
/// over.
Expected<int> open_lock_file(int dir, const StateFiles& files) {
    const int fd =
        ::openat(dir, StateFiles::lock_name,
                 O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0600);
    if (fd < 0)
        return Expected<int>::failure(errno_message("open", files.lock(), errno));
    struct stat st {};
    if (::fstat(fd, &st) < 0) {
        const int error = errno;
        ::close(fd);
        return Expected<int>::failure(errno_message("stat", files.lock(), error));
    }
    if (!S_ISREG(st.st_mode) || st.st_uid != ::geteuid() || st.st_nlink != 1) {
        ::close(fd);
        return Expected<int>::failure(files.lock() +
                                      ": refusing a lock that is not a regular file of ours with "
                                      "one link (owner uid " +
                                      std::to_string(st.st_uid) + ", " +
                                      std::to_string(st.st_nlink) + " links)");
    }
    return fd;
}

}  // namespace

RunLock::~RunLock() {
    if (fd_ >= 0)
        ::close(fd_);  // closing releases the flock
}

std::string own_command_line() {
    return command_line_of("self").value_or("pmreconcile");
}

std::optional<std::string> running_holder(const StateFiles& files) {
    const auto record = read_record(files);
    if (!record)
        return std::nullopt;
    if (record->pid.empty() || record->pid.find_first_not_of("0123456789") != std::string::npos) {
        return std::nullopt;
    }
    if (command_line_of(record->pid) != record->command_line)
        return std::nullopt;
    return describe(record);
}

Expected<RunLock> RunLock::acquire(const StateFiles& files, std::chrono::seconds timeout,
                                   const std::string& command_line) {
    using Result = Expected<RunLock>;
    auto dir = open_state_directory(files, Create::yes);
    if (!dir)
        return Result::failure(dir.error());
    auto fd = open_lock_file((*dir)->get(), files);
    if (!fd)
        return Result::failure(fd.error());
    RunLock lock(*fd);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (::flock(lock.fd_, LOCK_EX | LOCK_NB) < 0) {
        if (errno == EINTR)
            continue;
        if (errno != EWOULDBLOCK)
            return Result::failure(errno_message("lock", files.lock(), errno));
        if (std::chrono::steady_clock::now() >= deadline) {
            return Result::failure("another pmreconcile is running (" +
                                   describe(read_record(files)) + "); waited " +
                                   std::to_string(timeout.count()) + " s for its lock " +
                                   files.lock() + " (see --lock-timeout)");
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    const std::string holder =
        std::to_string(::getpid()) + "\n" + command_line + "\n" + utc_now() + "\n";
    if (::ftruncate(lock.fd_, 0) == 0) {
        // Best effort: the record is information for others, the flock is the lock.
        [[maybe_unused]] const ssize_t written =
            ::pwrite(lock.fd_, holder.data(), holder.size(), 0);
    }
    return Result(std::move(lock));
}

}  // namespace pmr::effects
