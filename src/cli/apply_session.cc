#include "cli/apply_session.h"

#include <cstdlib>

#include "cli/error_report.h"

namespace pmr::cli {

namespace {

/// Who starts and stops instances: PMRECONCILE_SERVICE_MANAGER (auto, postfix or systemd; the
/// sandboxed tests say postfix), else systemd when it is PID 1 and has postfix@.service.
effects::ServiceControl service_control() {
    const char* word = std::getenv("PMRECONCILE_SERVICE_MANAGER");
    auto choice = effects::service_choice_named(word ? word : "");
    if (!choice) {
        report_warning("PMRECONCILE_SERVICE_MANAGER: unknown value '" + std::string(word) +
                       "' (expected auto, postfix or systemd); deciding as for auto");
        choice = effects::ServiceChoice::automatic;
    }
    return effects::choose_service_control(effects::probe_service_facts(), *choice);
}

}  // namespace

ApplySession::ApplySession(const HostContext& context, std::string command_directory)
    : state_files_(effects::state_files_for(context.config_directory)),
      queue_trees_(context.defaults),
      executor_(runner_, queue_trees_, std::move(command_directory) + "/postfix",
                context.lock_timeout, service_control()) {}

}  // namespace pmr::cli
