#include "cli/plan_execution.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <iostream>

#include "cli/elapsed.h"
#include "cli/error_report.h"
#include "cli/operation_runner.h"
#include "core/lifecycle/destroy_guard.h"
#include "core/plan/owed_ledger.h"
#include "core/plan/plan_summary.h"
#include "core/support/exit_code.h"
#include "effects/change_log.h"
#include "effects/interruption.h"
#include "effects/operation_executor.h"

namespace pmr::cli {

namespace {

std::string describe_step(const plan::Step& step) {
    std::string text = std::string(1, plan::symbol(step.kind)) + " " +
                       std::string(plan::to_string(step.kind)) + " " + step.instance;
    if (step.instance != step.config_directory)
        text += " (" + step.config_directory + ")";
    return text;
}

/// What apply says while a step's operations run: changes on stderr when it is a terminal,
/// leftovers in pmreconcile's words, and nothing of a failure, whose reason goes to `error` for
/// the step's own failure line.
OperationVoice step_voice(const MessageStyle& style, std::string& error) {
    return OperationVoice{
        style, effects::ChangeEcho::stderr_on_terminal,
        [&error](const lifecycle::Operation&, const std::string& reason) { error = reason; },
        std::nullopt, true};
}

/// Whether `step` changes which instances Debian's postfix-instance-generator makes units for
/// (multi_instance_directories, and each instance's multi_instance_name).
bool changes_units(const plan::Step& step) {
    switch (step.kind) {
        case plan::StepKind::create:
        case plan::StepKind::import:
        case plan::StepKind::destroy:
        case plan::StepKind::deport:
        case plan::StepKind::assign:
            return true;
        default:
            return false;
    }
}

/// After the first `done` steps of `plan` ran: `systemctl daemon-reload` once when one of them
/// changed the set of instances (under systemd; nothing otherwise). False after reporting a
/// failure.
bool reload_units_after(const plan::Plan& plan, std::size_t done, ApplySession& session) {
    const auto first = plan.steps.begin();
    if (std::none_of(first, first + static_cast<std::ptrdiff_t>(done), changes_units))
        return true;
    if (const Status reloaded = session.reload_units(); !reloaded) {
        report_error(reloaded.error());
        return false;
    }
    return true;
}

}  // namespace

bool finish_interrupted_apply(ApplySession& session) {
    const effects::StateFiles& state_files = session.state_files();
    auto journal = effects::read_journal(state_files);
    if (!journal) {
        report_error(journal.error());
        return false;
    }
    if (!*journal || !(*journal)->has_step())
        return true;
    std::cout << "Finishing an interrupted apply: " << (*journal)->step << std::endl;
    const NativeStyle style;
    std::string error;
    if (!run_operations((*journal)->operations, session.executor(), step_voice(style, error))) {
        report_error("could not finish the interrupted step (" + (*journal)->step + "): " + error);
        // It returned an error: its effects are known now, so it is not tried again blindly.
        if (auto kept = effects::keep_owed_work(state_files, (*journal)->owed); kept) {
            std::cerr << "pmreconcile: fix the cause and run apply again: it plans again from "
                         "the host as it is\n";
        } else {
            report_error(kept.error());
        }
        return false;
    }
    if (auto kept = effects::keep_owed_work(state_files, (*journal)->owed); !kept) {
        report_error(kept.error());
        return false;
    }
    return true;
}

namespace {

/// apply's end when a signal asked it to stop before step `done` + 1: every step so far is
/// complete and its journal cleared, so the next apply goes on from the host as it is.
int stop_for_signal(int signal, std::size_t done, std::size_t planned) {
    const std::string reason = std::string("interrupted by ") + effects::signal_name(signal);
    std::cerr << "pmreconcile: " << reason << " after " << done << " of " << planned
              << " steps, none left half done; run apply again to continue\n";
    std::cout << plan::apply_stopped_line(done, planned, reason) << std::endl;
    return effects::exit_status_for_signal(signal);
}

/// apply's end when step `i` + 1 returned an error: its effects are known, so the journal keeps
/// only the work owed and the next apply plans again from the host as it is.
int stop_for_failure(const plan::Plan& plan, std::size_t i, std::size_t planned,
                     const std::string& error, const plan::OwedLedger& ledger,
                     const effects::StateFiles& state_files) {
    const std::size_t total = plan.steps.size();
    const std::string failure = "step " + std::to_string(i + 1) + " (" +
                                describe_step(plan.steps[i]) + ") failed: " + error;
    report_error(failure);
    if (auto kept = effects::keep_owed_work(state_files, ledger.owed()); !kept) {
        // The journal still names the step: the next apply finishes it first, as after a crash.
        report_error(kept.error());
    }
    std::cerr << "pmreconcile: completed steps: ";
    if (i == 0)
        std::cerr << "none";
    for (std::size_t j = 0; j < i; ++j)
        std::cerr << (j ? ", " : "") << j + 1;
    std::cerr << "; not completed: " << i + 1 << (i + 1 < total ? "-" + std::to_string(total) : "")
              << ". Fix the cause and run apply again: it resumes from the host as it is.\n";
    for (const lifecycle::OwedWork& work : ledger.owed()) {
        std::cerr << "pmreconcile: " << work.config_directory << " still owes a "
                  << lifecycle::to_string(work.kind) << "; the next plan carries it\n";
    }
    std::cout << plan::apply_stopped_line(i, planned, failure) << std::endl;
    return to_int(ExitCode::error);
}

}  // namespace

int execute_plan(const plan::Plan& plan, ApplySession& session, bool color,
                 const std::vector<lifecycle::OwedWork>& carried) {
    const effects::StateFiles& state_files = session.state_files();
    const std::size_t total = plan.steps.size();
    // A refused step is one the plan holds and apply does not run.
    const std::size_t planned = total + plan.refusals.size();
    const char* bold = color ? "\033[1m" : "";
    const char* reset = color ? "\033[0m" : "";
    // SIGINT and SIGTERM stop apply between steps: the step in progress is finished.
    const effects::InterruptionGuard interruption;
    const NativeStyle style;
    plan::OwedLedger ledger(plan, carried);
    for (std::size_t i = 0; i < total; ++i) {
        if (const auto signal = interruption.pending_signal()) {
            (void)reload_units_after(plan, i, session);
            return stop_for_signal(*signal, i, planned);
        }
        const plan::Step& step = plan.steps[i];
        std::cout << bold << "[" << i + 1 << "/" << total << "] " << reset << describe_step(step)
                  << std::endl;
        std::string error;
        const auto started = std::chrono::steady_clock::now();
        ledger.begin(step);
        Status journaled = effects::write_journal(
            state_files, {describe_step(step), step.operations, ledger.owed()});
        const bool done = journaled && run_operations(step.operations, session.executor(),
                                                      step_voice(style, error));
        if (!journaled)
            error = journaled.error();
        if (!done) {
            (void)reload_units_after(plan, i, session);  // the failure is what apply reports
            return stop_for_failure(plan, i, planned, error, ledger, state_files);
        }
        ledger.complete(step);
        if (auto kept = effects::keep_owed_work(state_files, ledger.owed()); !kept) {
            report_error(kept.error());
            return to_int(ExitCode::error);
        }
        spdlog::debug("step {} ({}): {} operations in {} ms", i + 1, describe_step(step),
                      step.operations.size(), milliseconds_since(started));
    }
    if (!reload_units_after(plan, total, session))
        return to_int(ExitCode::error);
    std::vector<std::string> refused;
    for (const plan::Refusal& refusal : plan.refusals) {
        refused.push_back(lifecycle::destroy_refused_message(
            refusal.instance, refusal.config_directory, refusal.reason));
        report_error(refused.back());
    }
    if (refused.empty()) {
        std::cout << plan::apply_complete_line(plan::summarize(plan)) << std::endl;
        return to_int(ExitCode::ok);
    }
    std::string reason = refused.front();
    if (refused.size() > 1) {
        reason += " (and " + std::to_string(refused.size() - 1) + " more refused)";
    }
    std::cout << plan::apply_stopped_line(total, planned, reason) << std::endl;
    return to_int(ExitCode::error);
}

}  // namespace pmr::cli
