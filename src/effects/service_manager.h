#pragma once

#include <functional>
#include <string>

#include "core/lifecycle/operation.h"
#include "core/support/expected.h"
#include "effects/instance_probe.h"
#include "effects/process_runner.h"

namespace pmr::effects {

/// What decides how instances are started and stopped on this host.
struct ServiceFacts {
    /// systemd is PID 1: /run/systemd/system exists (the test of sd_booted(3)) or /proc/1/comm
    /// says `systemd`.
    bool systemd_booted = false;
    /// Debian's template unit postfix@.service exists (/lib/systemd/system or /etc/systemd/system).
    bool instance_units = false;
};

/// Reads the facts from the host (read-only).
[[nodiscard]] ServiceFacts probe_service_facts();

/// Who starts and stops instances.
enum class ServiceControl {
    postfix,  ///< `postfix -c DIR start|stop`
    systemd,  ///< `systemctl start|stop postfix@NAME`, so that systemd tracks the instance
};

/// How the environment variable PMRECONCILE_SERVICE_MANAGER chooses: `auto` (or unset) by the
/// facts, `postfix` always postfix(1) (what the sandboxed tests use), `systemd` always systemctl.
enum class ServiceChoice { automatic, postfix, systemd };

/// The choice a PMRECONCILE_SERVICE_MANAGER value names; nullopt for an unknown word.
[[nodiscard]] std::optional<ServiceChoice> service_choice_named(std::string_view word);

/// systemd when `choice` says so, or when it is automatic, systemd is PID 1 and the
/// postfix@.service units exist; postfix otherwise.
[[nodiscard]] ServiceControl choose_service_control(const ServiceFacts& facts,
                                                    ServiceChoice choice);

/// Starts and stops instances, and tells systemd that the set of instances changed, through a
/// process runner: every command an argv vector.
class InstanceService {
  public:
    /// Whether a master runs for the instance whose queue directory is the argument.
    using RunningProbe = std::function<bool(const std::string&)>;

    /// `postfix` is the path of postfix(1); `running` asks whether a master runs (tests give a
    /// fake; `postfix status` cannot tell, since it fails on a broken master.cf too).
    InstanceService(ProcessRunner& runner, std::string postfix, ServiceControl control,
                    RunningProbe running = master_running)
        : runner_(runner),
          postfix_(std::move(postfix)),
          control_(control),
          running_(std::move(running)) {}

    [[nodiscard]] ServiceControl control() const { return control_; }

    /// Runs `op`. A start or stop of an instance already so (its master's lock in
    /// RunPostfix::queue_directory says) succeeds without a command (a step finished again
    /// after a crash). Through systemd (an instance with a unit name,
    /// RunPostfix::instance) a start is `systemctl start postfix@NAME` and a stop `systemctl
    /// stop postfix@NAME`, followed by `postfix -c DIR stop` when a master that systemd did not
    /// start still runs; a reload is always `postfix -c DIR reload`. A failed start or systemctl
    /// carries the command's own error output in its error; that of a failed stop or reload
    /// goes to pmreconcile's standard error, as it is.
    [[nodiscard]] Status run(const lifecycle::RunPostfix& op);

    /// `systemctl daemon-reload` under systemd, so that Debian's postfix-instance-generator
    /// reads multi_instance_directories again (a new instance is then started at boot); nothing
    /// otherwise.
    [[nodiscard]] Status reload_units();

  private:
    /// Runs `argv`; a failure says `LABEL failed with exit status N`, followed by `: OUTPUT`
    /// (stdout and stderr) with `capture_errors`.
    [[nodiscard]] Status run_command(std::vector<std::string> argv, std::string label,
                                     bool capture_errors);
    /// `systemctl ARGUMENTS...`, its error output captured.
    [[nodiscard]] Status systemctl(std::vector<std::string> arguments);
    /// `postfix -c DIR COMMAND`.
    [[nodiscard]] Status postfix(const std::string& config_directory, std::string_view command);

    ProcessRunner& runner_;
    std::string postfix_;
    ServiceControl control_;
    RunningProbe running_;
};

}  // namespace pmr::effects
