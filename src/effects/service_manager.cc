#include "effects/service_manager.h"

#include <sys/stat.h>

#include <fstream>

#include "core/support/words.h"

namespace pmr::effects {

namespace {

bool exists(const char* path) {
    struct stat st {};
    return ::stat(path, &st) == 0;
}

/// The output of a failed command, trimmed, for the end of an error message.
std::string error_text(std::string output) {
    while (!output.empty() && (output.back() == '\n' || output.back() == ' '))
        output.pop_back();
    return output.empty() ? "" : ": " + output;
}

}  // namespace

ServiceFacts probe_service_facts() {
    ServiceFacts facts;
    facts.systemd_booted = exists("/run/systemd/system");
    if (!facts.systemd_booted) {
        std::ifstream comm("/proc/1/comm");
        std::string name;
        facts.systemd_booted = std::getline(comm, name) && name == "systemd";
    }
    facts.instance_units = exists("/lib/systemd/system/postfix@.service") ||
                           exists("/etc/systemd/system/postfix@.service");
    return facts;
}

std::optional<ServiceChoice> service_choice_named(std::string_view word) {
    if (word.empty() || word == "auto")
        return ServiceChoice::automatic;
    if (word == "postfix")
        return ServiceChoice::postfix;
    if (word == "systemd")
        return ServiceChoice::systemd;
    return std::nullopt;
}

ServiceControl choose_service_control(const ServiceFacts& facts, ServiceChoice choice) {
    switch (choice) {
        case ServiceChoice::postfix:
            return ServiceControl::postfix;
        case ServiceChoice::systemd:
            return ServiceControl::systemd;
        case ServiceChoice::automatic:
            break;
    }
    return facts.systemd_booted && facts.instance_units ? ServiceControl::systemd
                                                        : ServiceControl::postfix;
}

Status InstanceService::run(const lifecycle::RunPostfix& op) {
    using lifecycle::PostfixCommand;
    if (op.command == PostfixCommand::reload)
        return postfix(op.config_directory, "reload");
    const bool start = op.command == PostfixCommand::start;
    const bool known = !op.queue_directory.empty();
    if (known && running_(op.queue_directory) == start)
        return ok_status();  // already as wanted: postfix(1) would fail
    // Debian's generator names a unit after multi_instance_name: a nameless instance has none.
    if (control_ == ServiceControl::postfix || op.instance.empty())
        return postfix(op.config_directory, start ? "start" : "stop");
    const std::string unit = "postfix@" + op.instance + ".service";
    if (Status done = systemctl({start ? "start" : "stop", unit}); !done || start)
        return done;
    // A master started by hand, outside the unit, is not stopped by systemctl stop.
    if (known && running_(op.queue_directory))
        return postfix(op.config_directory, "stop");
    return ok_status();
}

Status InstanceService::reload_units() {
    if (control_ != ServiceControl::systemd)
        return ok_status();
    return systemctl({"daemon-reload"});
}

Status InstanceService::run_command(std::vector<std::string> argv, std::string label,
                                    bool capture_errors) {
    auto run = runner_.run(Command{.argv = std::move(argv),
                                   .environment = std::nullopt,
                                   .capture_output = true,
                                   .errors_to_output = capture_errors});
    if (!run)
        return Status::failure(run.error());
    if (!run->succeeded()) {
        return Status::failure(label + " failed with exit status " +
                               std::to_string(run->exit_status) +
                               (capture_errors ? error_text(run->output) : ""));
    }
    return ok_status();
}

Status InstanceService::postfix(const std::string& config_directory, std::string_view command) {
    // A failed start says why in its error; the error output of a stop or reload goes to ours,
    // as it always has.
    return run_command({postfix_, "-c", config_directory, std::string(command)},
                       "postfix -c " + config_directory + " " + std::string(command),
                       command == "start");
}

Status InstanceService::systemctl(std::vector<std::string> arguments) {
    arguments.insert(arguments.begin(), "systemctl");
    std::string label = join_words(arguments);
    return run_command(std::move(arguments), std::move(label), true);
}

}  // namespace pmr::effects
