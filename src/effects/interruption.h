#pragma once

#include <optional>

namespace pmr::effects {

/// While alive, SIGINT (a person's Ctrl-C), SIGTERM (systemd's stop) and SIGHUP (a closed
/// terminal) no longer end the process: they are recorded, and whoever runs a sequence of steps
/// asks pending_signal() between steps, so the step in progress is always finished (its
/// journal then cleared) and the process stops at a boundary where nothing is half done. The
/// previous dispositions come back when it is destroyed. Guards may nest; a signal, once
/// recorded, stays pending for the rest of the process.
class InterruptionGuard {
  public:
    InterruptionGuard();
    ~InterruptionGuard();
    InterruptionGuard(const InterruptionGuard&) = delete;
    InterruptionGuard& operator=(const InterruptionGuard&) = delete;

    /// The first signal received under any guard, if any.
    [[nodiscard]] std::optional<int> pending_signal() const;
};

/// The exit status of a process stopped by `signal`, by the shells' convention: 128 + signal
/// (130 for SIGINT, 143 for SIGTERM).
[[nodiscard]] int exit_status_for_signal(int signal);

/// `SIGTERM`, `SIGINT`, ...: the signal's name for messages.
[[nodiscard]] const char* signal_name(int signal);

}  // namespace pmr::effects
