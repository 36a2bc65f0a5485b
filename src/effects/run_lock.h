#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/support/expected.h"
#include "effects/state_files.h"

namespace pmr::effects {

/// The one-writer-at-a-time lock of pmreconcile: an flock() on the file `lock` in root's own
/// state directory (see StateFiles), which records its holder's pid, command line and start
/// time. The kernel releases it when the holder exits, however it exits (kill -9 included), so a
/// lock is never left stale; the recorded holder is only shown to whoever finds the lock busy.
class RunLock {
  public:
    RunLock(const RunLock&) = delete;
    RunLock& operator=(const RunLock&) = delete;
    RunLock(RunLock&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
    ~RunLock();

    /// Takes the lock of `files` (creating the state directory, mode 0755, and the lock file,
    /// mode 0600, as needed), waiting up to `timeout` for a holder to finish. Everything is
    /// opened relative to the verified state directory, without following a symbolic link or
    /// blocking on a FIFO, and the lock file must be a regular file of ours with one link. Fails
    /// with the holder when it stays busy: `another pmreconcile is running (pid 123: pmreconcile
    /// apply -f x.yaml, since 2026-11-22T04:05:06Z); waited 0 s for its lock PATH (see
    /// --lock-timeout)`, the holder's record escaped for the terminal.
    [[nodiscard]] static Expected<RunLock> acquire(const StateFiles& files,
                                                   std::chrono::seconds timeout,
                                                   const std::string& command_line);

  private:
    explicit RunLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

/// This process's command line, as /proc/self/cmdline gives it, words joined by spaces.
[[nodiscard]] std::string own_command_line();

/// Who holds the lock of `files` now (`pid 123: pmreconcile apply -f x.yaml, since ...`,
/// escaped for the terminal): the recorded holder when its process still runs with the recorded
/// command line; nullopt when it does not or cannot be told. Read-only: it takes no lock, so it
/// never disturbs an acquire.
[[nodiscard]] std::optional<std::string> running_holder(const StateFiles& files);

}  // namespace pmr::effects
