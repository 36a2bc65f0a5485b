// `pmreconcile apply`: makes the host match a manifest or a saved plan.
#include <unistd.h>

#include <iostream>

#include "cli/apply_session.h"
#include "cli/declarative_commands.h"
#include "cli/error_report.h"
#include "cli/host_context.h"
#include "cli/host_policy.h"
#include "cli/live_plan.h"
#include "cli/plan_execution.h"
#include "cli/postmulti_session.h"
#include "cli/terminal.h"
#include "cli/usage_errors.h"
#include "core/maincf/configuration.h"
#include "core/manifest/manifest_parser.h"
#include "core/plan/plan_text.h"
#include "core/plan/staleness.h"
#include "core/support/exit_code.h"
#include "effects/interruption.h"
#include "effects/read_file.h"
#include "effects/run_lock.h"

namespace pmr::cli {

namespace {

/// What apply carries out: a saved plan, or a manifest read once (standard input and a pipe
/// cannot be read again for the second plan).
struct ApplyInput {
    std::optional<plan::SavedPlan> saved;
    std::optional<std::string> manifest_text;  ///< without a saved plan
    /// Where the saved plan comes from; nullptr for a manifest.
    [[nodiscard]] const plan::PlanOrigin* origin() const {
        return saved ? &saved->origin : nullptr;
    }
};

/// What apply says when a manifest is given where a saved plan goes.
std::string manifest_given_as_plan(const std::string& path) {
    return path + " is not a saved plan: a manifest is given with -f (pmreconcile apply -f " +
           path + ")";
}

/// Whether `text` may be a saved plan (a JSON object) rather than, say, a manifest.
bool looks_like_json(std::string_view text) {
    const auto start = text.find_first_not_of(" \t\r\n");
    return start != std::string_view::npos && text[start] == '{';
}

/// Reads the saved plan `path`; nullopt after reporting why it cannot be used.
std::optional<plan::SavedPlan> read_saved_plan(const std::string& path) {
    auto text = effects::read_file(path, effects::Symlinks::follow);
    if (!text) {
        report_error(text.error());
        return std::nullopt;
    }
    if (!looks_like_json(*text)) {
        (void)report_usage_error("apply", manifest_given_as_plan(path));
        return std::nullopt;
    }
    Diagnostics problems;
    auto saved = plan::read_saved_plan(*text, path, problems);
    report_problems(problems);
    return saved;
}

/// Reads what `options` name; nullopt after reporting a failure.
std::optional<ApplyInput> read_apply_input(const DeclarativeOptions& options) {
    ApplyInput input;
    if (!options.plan_file.empty()) {
        input.saved = read_saved_plan(options.plan_file);
        if (!input.saved)
            return std::nullopt;
        return input;
    }
    auto read = effects::read_manifest_input(options.manifest_path, manifest::max_manifest_bytes);
    if (!read) {
        report_error(read.error());
        return std::nullopt;
    }
    input.manifest_text = std::move(read).value();
    return input;
}

/// Plans `input` against the live host.
std::optional<LivePlan> plan_input(const HostContext& context, const DeclarativeOptions& options,
                                   const ApplyInput& input, Voice voice) {
    if (const plan::PlanOrigin* origin = input.origin()) {
        return plan_live(context, origin->manifest_path, origin->manifest_text, voice);
    }
    return plan_live(context, options.manifest_path, input.manifest_text, voice);
}

/// Whether the host, as `live` read it, still yields the saved plan: the same files, the same
/// running instances, and the same steps. Says what changed when it does not.
bool saved_plan_holds(const plan::SavedPlan& saved, const LivePlan& live,
                      const std::string& plan_file) {
    const std::vector<std::string> changes =
        plan::staleness(saved, *live.result.plan, origin_of(live));
    if (changes.empty())
        return true;
    report_error(plan_file +
                 ": the saved plan is stale: the host changed since it was made; run "
                 "'pmreconcile plan' again");
    for (const std::string& line : changes)
        std::cerr << "  " << line << '\n';
    return false;
}

void report_no_terminal() {
    report_error("not applying without --auto-approve: standard input is not a terminal to ask on");
}

/// Without Postfix the built-in defaults still plan, but nothing could be started or checked.
bool postfix_installed(const HostContext& context) {
    const std::string postconf = context.command_directory + "/postconf";
    if (::access(postconf.c_str(), X_OK) == 0)
        return true;
    report_error("Postfix is not installed (no " + postconf + ")");
    return false;
}

/// Read-only first: an apply with nothing to do, or refused (a stale saved plan, no terminal
/// to ask on), takes no lock and writes nothing. Returns the exit status when apply ends here.
std::optional<int> preflight(const HostContext& context, const DeclarativeOptions& options,
                             const ApplyInput& input, bool color) {
    const auto live = plan_input(context, options, input, Voice::before_locking);
    if (!live)
        return to_int(ExitCode::error);
    if (live->snapshot->interrupted_step)
        return std::nullopt;  // finished under the lock first
    const plan::Plan& plan = *live->result.plan;
    if (input.saved && !saved_plan_holds(*input.saved, *live, options.plan_file)) {
        return to_int(ExitCode::error);
    }
    if (plan.empty()) {
        std::cout << plan::render_text(plan, plan::TextStyle{color});
        return to_int(ExitCode::ok);
    }
    if (!options.auto_approve && !input.origin() && !stdin_is_terminal()) {
        std::cout << plan::render_text(plan, plan::TextStyle{color}) << '\n';
        report_no_terminal();
        return to_int(ExitCode::error);
    }
    return std::nullopt;
}

/// Finishes the step an interrupted apply left, under the lock; false after reporting.
bool finish_interrupted(ApplySession& session, const ApplyInput& input) {
    auto journal = effects::read_journal(session.state_files());
    const bool interrupted = journal && *journal && (*journal)->has_step();
    if (interrupted && input.origin()) {
        report_error(
            "an interrupted apply must be finished first; run 'pmreconcile apply -f MANIFEST', "
            "then plan again");
        return false;
    }
    return finish_interrupted_apply(session);
}

/// Whether the plan may run: a saved plan was reviewed when it was made; a fresh one is asked
/// about on the terminal unless --auto-approve.
bool approved(const DeclarativeOptions& options, const ApplyInput& input) {
    if (options.auto_approve || input.origin())
        return true;
    if (!stdin_is_terminal()) {
        report_no_terminal();
        return false;
    }
    if (!confirm("Apply these steps?")) {
        std::cerr << "pmreconcile: apply cancelled; nothing was changed\n";
        return false;
    }
    return true;
}

/// The plan made under the lock, carried out once shown and approved.
int apply_fresh_plan(const HostContext& context, const DeclarativeOptions& options,
                     const ApplyInput& input, bool color) {
    const auto live = plan_input(context, options, input, Voice::quiet);
    if (!live)
        return to_int(ExitCode::error);
    // A saved plan runs exactly as it was reviewed: the host must yield the very same steps.
    if (input.saved && !saved_plan_holds(*input.saved, *live, options.plan_file)) {
        return to_int(ExitCode::error);
    }
    const plan::Plan& plan = *live->result.plan;
    if (plan.empty()) {
        // Work owed to an instance that is gone or stopped is moot: nothing is left to do.
        if (!live->snapshot->owed_work.empty()) {
            const auto state_files = effects::state_files_for(live->context->config_directory);
            if (auto cleared = effects::clear_journal(state_files); !cleared) {
                report_error(cleared.error());
                return to_int(ExitCode::error);
            }
        }
        std::cout << plan::render_text(plan, plan::TextStyle{color});
        return to_int(ExitCode::ok);
    }
    if (!input.origin())
        std::cout << plan::render_text(plan, plan::TextStyle{color}) << '\n';
    if (!approved(options, input))
        return to_int(ExitCode::error);
    // The plan runs postfix(1) from the command directory of the host it was made from.
    ApplySession session(*live->context, live->command_directory);
    return execute_plan(plan, session, color, live->snapshot->owed_work);
}

/// One writer at a time: takes the run lock, finishes whatever an interrupted apply left half
/// done, then plans again and applies.
int apply_locked(const HostContext& context, const DeclarativeOptions& options,
                 const ApplyInput& input, bool color) {
    const NativeStyle style;
    const auto primary = read_primary(context, style);
    if (!primary)
        return to_int(ExitCode::error);
    // An interrupted step runs postfix(1) from the command directory of the primary's main.cf.
    ApplySession finishing(context, maincf::Configuration(*primary, context.defaults)
                                        .expanded_or("command_directory", "/usr/sbin"));
    auto lock = effects::RunLock::acquire(finishing.state_files(), context.lock_timeout,
                                          effects::own_command_line());
    if (!lock) {
        report_error(lock.error());
        return to_int(ExitCode::error);
    }
    // From here on a SIGINT or SIGTERM stops apply between steps, never inside one.
    const effects::InterruptionGuard interruption;
    keep_postconf_defaults(context);
    if (!finish_interrupted(finishing, input))
        return to_int(ExitCode::error);
    return apply_fresh_plan(context, options, input, color);
}

int run_apply(const GlobalOptions& global, const DeclarativeOptions& options) {
    if (options.manifest_path.empty() && options.plan_file.empty()) {
        return report_usage_error("apply", "apply needs -f MANIFEST or a saved PLANFILE");
    }
    if (options.plan_file.ends_with(".yaml") || options.plan_file.ends_with(".yml")) {
        return report_usage_error("apply", manifest_given_as_plan(options.plan_file));
    }
    if (!require_root("apply") || !refuse_mail_config(global))
        return to_int(ExitCode::error);
    const auto input = read_apply_input(options);
    if (!input)
        return to_int(ExitCode::error);
    const plan::PlanOrigin* origin = input->origin();
    HostContext context = load_host_context(origin ? std::optional(origin->config_directory)
                                                   : global.config_directory);
    context.lock_timeout = global.lock_timeout;
    if (!postfix_installed(context))
        return to_int(ExitCode::error);
    const bool color = use_color(global.no_color);
    if (const auto ended = preflight(context, options, *input, color))
        return *ended;
    return apply_locked(context, options, *input, color);
}

}  // namespace

void add_apply_command(CLI::App& app, const DeclarativeBinding& binding) {
    DeclarativeOptions& options = *binding.options;
    auto* apply = app.add_subcommand("apply", "Make the host match a manifest or a saved plan");
    auto* file = apply->add_option("-f,--file", options.manifest_path,
                                   "The manifest (- for standard input)");
    auto* plan_file =
        apply->add_option("planfile", options.plan_file, "A plan saved by 'plan --out'");
    file->excludes(plan_file);
    apply->add_flag("--auto-approve", options.auto_approve, "Do not ask for confirmation");
    apply->footer(
        "Examples:\n  pmreconcile apply -f instances.yaml\n"
        "  pmreconcile apply -f instances.yaml --auto-approve\n  pmreconcile apply plan.json\n");
    apply->callback(binding.to(run_apply));
}

}  // namespace pmr::cli
