#include "cli/postmulti_session.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>

#include "cli/apply_session.h"
#include "cli/error_report.h"
#include "cli/operation_runner.h"
#include "core/instance/listing.h"
#include "core/lifecycle/destroy_guard.h"
#include "core/postmulti/iteration.h"
#include "core/support/exit_code.h"
#include "core/support/printable.h"
#include "effects/apply_journal.h"
#include "effects/change_log.h"
#include "effects/host_reader.h"
#include "effects/instance_command.h"
#include "effects/instance_probe.h"
#include "effects/operation_executor.h"
#include "effects/read_file.h"
#include "effects/real_host_view.h"
#include "effects/run_lock.h"

namespace pmr::cli {

namespace {

using postmulti::MessageSource;

constexpr const char* postfix_tag = "postfix";  // postmulti-script runs it by that name

/// postmulti's check_shared_dir_status(): the shared directories must exist as directories.
bool check_shared_directories(const instance::HostState& state, const MessageStyle& style) {
    const std::pair<const char*, const std::string*> shared[] = {
        {"command_directory", &state.shared.command_directory},
        {"daemon_directory", &state.shared.daemon_directory},
        {"meta_directory", &state.shared.meta_directory},
        {"shlib_directory", &state.shared.shlib_directory},
    };
    for (const auto& [name, value] : shared) {
        if (value->empty() || value->front() != '/')
            continue;  // "no" and the like
        struct stat st {};
        if (::stat(value->c_str(), &st) < 0) {
            style.fatal(MessageSource::postmulti,
                        std::string(name) + " = '" + *value +
                            "': directory not found: " + std::strerror(errno));
            return false;
        }
        if (!S_ISDIR(st.st_mode)) {
            style.fatal(MessageSource::postmulti,
                        std::string(name) + " = '" + *value + "' is not a directory");
            return false;
        }
    }
    return true;
}

/// Reports what postmulti (and the postconf runs it reads instances with) would print about
/// the host: postconf's warnings in order, then, when the host could not be read, why.
void report_host_problems(const Diagnostics& problems, const std::string& command_directory,
                          const MessageStyle& style) {
    Diagnostics errors;
    for (const Diagnostic& d : problems) {
        if (d.severity == Severity::warning) {
            style.postconf_warning(command_directory, d.to_postfix_string());
        } else {
            errors.push_back(d);
        }
    }
    if (errors.empty())
        return;
    const Diagnostic& last = errors.back();
    if (errors.size() > 1 && last.message.starts_with("Failed to obtain all required")) {
        style.postconf_fatal(command_directory, errors.front().to_postfix_string());
    }
    style.fatal(MessageSource::postmulti,
                (errors.size() > 1 && last.message.starts_with("Failed to obtain"))
                    ? last.to_postfix_string()
                    : errors.front().to_postfix_string());
}

int run_iteration(const postmulti::Request& request, const instance::HostState& state,
                  const MessageStyle& style) {
    const auto plan = postmulti::plan_iteration(state, request);
    if (plan.fatal) {
        style.fatal(MessageSource::postmulti, *plan.fatal);
        return to_int(ExitCode::error);
    }
    int status = 0;
    for (const postmulti::InstanceRun& run : plan.runs) {
        std::cout.flush();
        auto exit =
            effects::run_instance_command(run, state.shared.command_directory, request.verbose > 0);
        if (!exit) {
            // postmulti's child dies with msg_fatal(); postmulti itself goes on.
            style.fatal(MessageSource::postmulti, exit.error());
            status = 1;
        } else if (*exit != 0) {
            status = 1;
        }
    }
    return status;
}

/// pmreconcile's own destroy: refused while the target's queue holds mail (apply's rule and
/// words), else guarded so the queue is counted again just before anything is removed. Returns
/// false after reporting a refusal.
bool guard_queued_mail(postmulti::EditPlan& plan, const instance::HostState& state,
                       const MessageStyle& style) {
    const auto target = std::ranges::find(state.instances, plan.target_config_directory,
                                          &instance::Instance::config_directory);
    if (target == state.instances.end())
        return true;  // nothing on the host to lose
    const std::string& label = target->label();
    if (const Status empty =
            lifecycle::check_queue_empty(effects::count_queued_messages(target->queue_directory));
        !empty) {
        style.fatal(MessageSource::postmulti, lifecycle::destroy_refused_message(
                                                  label, target->config_directory, empty.error()));
        return false;
    }
    lifecycle::guard_destroy(
        plan.operations,
        lifecycle::RequireEmptyQueue{target->config_directory, target->queue_directory, label});
    return true;
}

int run_edit(const postmulti::Request& request, const instance::HostState& state,
             const HostContext& context, const maincf::MainCf& primary_main_cf,
             const MessageStyle& style, QueuedMail queued_mail) {
    const effects::RealHostView host;
    const postmulti::EditContext edit_context{state, primary_main_cf, context.defaults, host};
    auto plan = postmulti::plan_edit(edit_context, request);
    for (const Diagnostic& d : plan.postconf_messages) {
        if (d.severity == Severity::warning) {
            style.postconf_warning(state.shared.command_directory, d.to_postfix_string());
        } else {
            style.postconf_fatal(state.shared.command_directory, d.to_postfix_string());
        }
    }
    if (plan.fatal) {
        style.refused(*plan.fatal);
        return to_int(ExitCode::error);
    }
    if (request.action == postmulti::Action::destroy && queued_mail == QueuedMail::refuse &&
        !guard_queued_mail(plan, state, style)) {
        return to_int(ExitCode::error);
    }
    ApplySession session(context, state.shared.command_directory);
    // One writer at a time: life-cycle actions take pmreconcile's lock.
    auto lock = effects::RunLock::acquire(session.state_files(), context.lock_timeout,
                                          effects::own_command_line());
    if (!lock) {
        style.fatal(MessageSource::postmulti, lock.error());
        return to_int(ExitCode::error);
    }
    keep_postconf_defaults(context);
    return run_operations(plan.operations, session.executor(), script_voice(plan, context, style))
               ? to_int(ExitCode::ok)
               : to_int(ExitCode::error);
}

}  // namespace

std::string_view PostmultiStyle::tag(MessageSource source) const {
    switch (source) {
        case MessageSource::script:
            return script_tag_;
        case MessageSource::postfix:
            return postfix_tag;
        case MessageSource::postmulti:
            break;
    }
    return program_;
}

void PostmultiStyle::refused(const postmulti::Fatal& refusal) const {
    // postmulti names no remedy.
    fatal(refusal.source, refusal.message);
}

void PostmultiStyle::fatal(MessageSource source, const std::string& message) const {
    std::cerr << tag(source) << ": fatal: " << message << '\n';
}

void PostmultiStyle::warning(MessageSource source, const std::string& message) const {
    std::cerr << tag(source) << ": warning: " << message << '\n';
}

void PostmultiStyle::postfix_notice(const std::string& message) const {
    std::cerr << postfix_tag << ": " << message << '\n';
}

void PostmultiStyle::leftover(const effects::Leftover& left) const {
    std::cerr << "rmdir: failed to remove '" << printable(left.operand) << "': " << left.reason
              << '\n';
    warning(MessageSource::script,
            printable(left.path) + ": please verify contents and remove by hand");
}

void PostmultiStyle::directory_failure(const std::string& failure) const {
    // postmulti-script runs `mkdir -p DIR || exit 1`: mkdir's complaint is all there is.
    const auto reason = failure.rfind(": ");
    if (!failure.starts_with("mkdir ") || reason == std::string::npos) {
        fatal(MessageSource::script, failure);
        return;
    }
    const std::string directory = failure.substr(6, reason - 6);
    std::cerr << "mkdir: cannot create directory '" << printable(directory)
              << "': " << failure.substr(reason + 2) << '\n';
}

void NativeStyle::directory_failure(const std::string& failure) const {
    fatal(MessageSource::script, failure);
}

void NativeStyle::leftover(const effects::Leftover& left) const {
    warning(MessageSource::script, printable(left.path) + ": not removed (" + left.reason +
                                       "); please verify contents and remove by hand");
}

void PostmultiStyle::postconf_fatal(const std::string& command_directory,
                                    const std::string& message) const {
    std::cerr << command_directory << "/postconf: fatal: " << message << '\n';
}

void PostmultiStyle::postconf_warning(const std::string& command_directory,
                                      const std::string& message) const {
    std::cerr << command_directory << "/postconf: warning: " << message << '\n';
}

void NativeStyle::refused(const postmulti::Fatal& refusal) const {
    report_error(refusal.remedy.empty() ? refusal.message
                                        : refusal.message + "; " + refusal.remedy);
}

void NativeStyle::fatal(MessageSource, const std::string& message) const {
    report_error(message);
}

void NativeStyle::warning(MessageSource, const std::string& message) const {
    report_warning(message);
}

void NativeStyle::postconf_fatal(const std::string&, const std::string& message) const {
    report_error(message);
}

void NativeStyle::postconf_warning(const std::string&, const std::string& message) const {
    report_warning(message);
}

void NativeStyle::postfix_notice(const std::string&) const {
    // Postfix's own notices (compatibility_level): pmreconcile runs no postfix(1) to print them.
}

std::optional<maincf::MainCf> read_primary(const HostContext& context, const MessageStyle& style) {
    Diagnostics problems;
    auto main_cf = effects::read_main_cf(context.config_directory + "/main.cf", problems);
    if (!main_cf) {
        style.fatal(MessageSource::postmulti, problems.front().message);
        return std::nullopt;
    }
    for (const Diagnostic& d : main_cf->diagnostics()) {
        if (d.severity == Severity::error) {
            style.fatal(MessageSource::postmulti, d.to_postfix_string());
            return std::nullopt;
        }
    }
    return main_cf;
}

int execute_request(const postmulti::Request& request, const HostContext& context,
                    const maincf::MainCf& primary_main_cf, const MessageStyle& style,
                    bool json_listing, QueuedMail queued_mail) {
    using postmulti::Mode;
    Diagnostics problems;
    std::optional<instance::HostState> state;
    if (request.mode == Mode::edit && request.action == postmulti::Action::init) {
        // init looks at the primary only: broken secondaries must not stop it.
        state = instance::build_primary_state(primary_main_cf, context.config_directory,
                                              context.defaults, problems);
    } else {
        state = effects::read_host_state(context.config_directory, context.defaults, problems);
    }
    report_host_problems(problems, context.command_directory, style);
    if (!state)
        return to_int(ExitCode::error);
    if (!check_shared_directories(*state, style))
        return to_int(ExitCode::error);

    switch (request.mode) {
        case Mode::list: {
            if (json_listing) {
                const auto selection = request.selection.kind == instance::Selection::Kind::none
                                           ? instance::Selection::all()
                                           : request.selection;
                std::vector<const instance::Instance*> selected;
                for (const auto& i : state->instances) {
                    if (selection.matches(i))
                        selected.push_back(&i);
                }
                if (request.reverse)
                    std::reverse(selected.begin(), selected.end());
                std::cout << instance::list_json(selected);
            } else {
                std::cout << postmulti::plan_listing(*state, request);
            }
            std::cout.flush();
            return std::cout ? 0 : 1;
        }
        case Mode::postfix:
        case Mode::exec:
            return run_iteration(request, *state, style);
        case Mode::edit:
            return run_edit(request, *state, context, primary_main_cf, style, queued_mail);
        case Mode::none:
            break;
    }
    return to_int(ExitCode::error);
}

}  // namespace pmr::cli
