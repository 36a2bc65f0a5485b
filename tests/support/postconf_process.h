#pragma once

#include <string>
#include <vector>

namespace pmr::test_support {

/// The installed postconf binary, the oracle of the differential tests and the benchmarks.
inline constexpr const char* postconf_path = "/usr/sbin/postconf";

/// True when postconf_path is installed (an executable).
[[nodiscard]] bool postconf_installed();

/// How one run of a program ended, with everything it printed.
struct ProcessOutcome {
    int exit_status = 0;    ///< exit code; 128 + signal number when killed by a signal
    bool signaled = false;  ///< ended by a signal other than our own SIGKILL after a fatal error
    bool fatal = false;     ///< printed `fatal:` or `panic:` (and was then stopped by us)
    std::string out;
    std::string err;

    [[nodiscard]] bool succeeded() const { return !fatal && !signaled && exit_status == 0; }
    /// A one-line summary for failure messages.
    [[nodiscard]] std::string describe() const;
};

/// Runs every argv at the same time (fork/exec, no shell) with stdin from /dev/null, a minimal
/// environment and no core dumps, and collects stdout and stderr of each.
///
/// Postfix sleeps a second after a fatal error before it exits; a child whose stderr shows a
/// complete `fatal:` or `panic:` line is therefore killed at once and reported as `fatal`.
[[nodiscard]] std::vector<ProcessOutcome> run_concurrently(
    const std::vector<std::vector<std::string>>& argvs);

/// Runs one argv (see run_concurrently()).
[[nodiscard]] ProcessOutcome run_process(const std::vector<std::string>& argv);

}  // namespace pmr::test_support
