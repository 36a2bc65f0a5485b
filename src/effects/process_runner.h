#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/support/expected.h"

namespace pmr::effects {

/// A program to run: an argv vector, never a shell string.
struct Command {
    std::vector<std::string> argv;  ///< argv[0] is a path or a name found in PATH
    std::optional<std::vector<std::string>> environment;  ///< `NAME=value`; nullopt inherits ours
    bool capture_output = false;  ///< collect stdout instead of passing it through
    bool silence_errors = false;  ///< send stderr to /dev/null
    /// With capture_output, stderr goes into the captured output too (for an error's own text).
    bool errors_to_output = false;
    /// What a failure to start it says before `: REASON`; empty means `execute ARGV0`.
    /// postmulti's children say `execvp NAME`, NAME as the user gave it.
    std::string start_failure_label{};
    /// Start it as execvp(3) in the child does (what postmulti's children do): argv[0] is looked
    /// up in the PATH of `environment`, an executable file without `#!` runs through /bin/sh,
    /// argv[0] stays as given. Otherwise posix_spawnp() looks argv[0] up in our own PATH.
    bool execvp_in_child = false;
    /// What the program reads on stdin (from an in-memory file, so that no pipe can fill up
    /// while its output is captured); nullopt inherits ours.
    std::optional<std::string> input{};
};

/// How a finished program ended.
struct ProcessResult {
    int exit_status = 0;  ///< the exit code, or 128 + signal number when killed by a signal
    bool signaled = false;
    std::string output;  ///< stdout, when captured

    [[nodiscard]] bool succeeded() const { return !signaled && exit_status == 0; }
};

/// Runs programs. The only way pmreconcile starts a process, so that tests can substitute a fake
/// that records what it was asked to run.
class ProcessRunner {
  public:
    virtual ~ProcessRunner() = default;
    /// Runs `command` to completion; fails only when it cannot be started.
    [[nodiscard]] virtual Expected<ProcessResult> run(const Command& command) = 0;
};

/// Runs real processes with posix_spawnp(), or fork() and execvp() (Command::execvp_in_child);
/// stdin and stderr are inherited.
class RealProcessRunner final : public ProcessRunner {
  public:
    [[nodiscard]] Expected<ProcessResult> run(const Command& command) override;
};

}  // namespace pmr::effects
