#include "cli/postmulti_operations.h"

#include <spdlog/spdlog.h>

#include <functional>

#include "core/support/exit_code.h"
#include "effects/change_log.h"
#include "effects/postfix_preamble.h"

namespace pmr::cli {

namespace {

using postmulti::MessageSource;

/// Prints what one `postfix -c DIR ...` of postmulti-script prints before its command; returns
/// whether it got to run the command.
bool report(const effects::PostfixPreamble& preamble, const MessageStyle& style) {
    for (const std::string& notice : preamble.notices)
        style.postfix_notice(notice);
    if (preamble.fatal)
        style.fatal(MessageSource::postfix, *preamble.fatal);
    return !preamble.fatal;
}

/// Runs one operation, logs it and reports its leftovers; `between_leftovers` runs once before
/// the first leftover with an absolute operand (after the relative ones) or, failing that, at the
/// end: destroy's second `postfix -c DIR` starts there.
Status execute_logged(effects::OperationExecutor& executor, const lifecycle::Operation& operation,
                      const MessageStyle& style, const std::function<void()>& between_leftovers) {
    std::vector<effects::Leftover> leftovers;
    const Status done = executor.execute(operation, leftovers);
    // postmulti's stderr stays postmulti's; pmreconcile's subcommands show changes with -v.
    const auto echo = spdlog::should_log(spdlog::level::info) ? effects::ChangeEcho::stderr_always
                                                              : effects::ChangeEcho::syslog_only;
    effects::log_change((done ? "" : "failed: ") + lifecycle::describe(operation), echo);
    bool between_done = !between_leftovers;
    for (const effects::Leftover& left : leftovers) {
        if (!between_done && left.operand.starts_with('/')) {
            between_leftovers();
            between_done = true;
        }
        style.leftover(left);
    }
    if (!between_done)
        between_leftovers();
    return done;
}

}  // namespace

int run_operations(const postmulti::EditPlan& plan, effects::OperationExecutor& executor,
                   const HostContext& context, const MessageStyle& style) {
    for (const lifecycle::Operation& operation : plan.operations) {
        std::function<void()> between;
        if (const auto* build = std::get_if<lifecycle::BuildQueueTree>(&operation)) {
            // `postfix -c DIR set-permissions || exit 1`
            if (!report(effects::postfix_preamble(build->config_directory, context.defaults),
                        style)) {
                return to_int(ExitCode::error);
            }
        } else if (std::holds_alternative<lifecycle::RemoveQueueTree>(operation)) {
            // destroy: `postfix -c DIR /bin/sh -c 'rmdir queue subdirectories'`, then the same
            // for the data and queue directories (absolute operands). Both start while the queue
            // directory is still there, so both are judged now; the second one's messages come
            // between the two kinds of leftovers. When postfix cannot start (the queue directory
            // is gone), both stop before their loop and destroy goes on.
            const auto preamble =
                effects::postfix_preamble(plan.target_config_directory, context.defaults);
            if (!report(preamble, style)) {
                (void)report(preamble, style);
                continue;
            }
            between = [&style, preamble] { (void)report(preamble, style); };
        }
        if (const Status done = execute_logged(executor, operation, style, between); !done) {
            if (std::holds_alternative<lifecycle::CreateDirectories>(operation)) {
                style.directory_failure(done.error());
            } else {
                style.fatal(MessageSource::script, done.error());
            }
            return to_int(ExitCode::error);
        }
    }
    return to_int(ExitCode::ok);
}

}  // namespace pmr::cli
