#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/support/expected.h"

namespace pmr::effects {

/// The one-writer-at-a-time lock of pmreconcile: an flock() on a file that records its holder's
/// pid, command line and start time. The kernel releases it when the holder exits, however it
/// exits (kill -9 included), so a lock is never left stale; the recorded holder is only shown to
/// whoever finds the lock busy.
class RunLock {
public:
    RunLock(const RunLock&) = delete;
    RunLock& operator=(const RunLock&) = delete;
    RunLock(RunLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    ~RunLock();

    /// Takes the lock at `path` (creating it and its directory, mode 0700, as needed), waiting up
    /// to `timeout` for a holder to finish. The directory and the file belong to the owner of
    /// the directory above (see create_directory_owned_like_parent: in Postfix's data_directory,
    /// mail_owner). Fails with the holder's pid and command line when it
    /// stays busy: `another pmreconcile is running (pid 123: pmreconcile apply -f x.yaml, since
    /// 2026-11-22T04:05:06Z); waited 0 s (see --lock-timeout)`.
    [[nodiscard]] static Expected<RunLock> acquire(const std::string& path,
                                                   std::chrono::seconds timeout,
                                                   const std::string& command_line);

private:
    explicit RunLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

/// This process's command line, as /proc/self/cmdline gives it, words joined by spaces.
[[nodiscard]] std::string own_command_line();

/// Who holds the lock at `path` now (`pid 123: pmreconcile apply -f x.yaml, since ...`): the
/// recorded holder when its process still runs with the recorded command line; nullopt when it
/// does not or cannot be told. Read-only: it takes no lock, so it never disturbs an acquire.
[[nodiscard]] std::optional<std::string> running_holder(const std::string& path);

}  // namespace pmr::effects
