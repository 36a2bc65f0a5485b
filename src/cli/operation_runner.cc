#include "cli/operation_runner.h"

#include <spdlog/spdlog.h>

#include "effects/fault_injection.h"
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
                      const OperationVoice& voice, const std::function<void()>& between_leftovers) {
    if (voice.fault_points)
        effects::fault_point("operation");
    std::vector<effects::Leftover> leftovers;
    const Status done = executor.execute(operation, leftovers);
    // -v shows each change wherever stderr goes: cron mail and CI logs too.
    const auto echo =
        spdlog::should_log(spdlog::level::info) ? effects::ChangeEcho::stderr_always : voice.echo;
    effects::log_change((done ? "" : "failed: ") + lifecycle::describe(operation), echo);
    bool between_done = !between_leftovers;
    for (const effects::Leftover& left : leftovers) {
        if (!between_done && left.operand.starts_with('/')) {
            between_leftovers();
            between_done = true;
        }
        voice.style.leftover(left);
    }
    if (!between_done)
        between_leftovers();
    return done;
}

/// What postfix(1) says where postmulti-script runs it before `operation`; false when the
/// action fails there. Sets `between` to what runs between destroy's two kinds of leftovers,
/// and `skip` when postfix(1) would not let the operation run.
bool say_preamble(const lifecycle::Operation& operation, const OperationVoice& voice,
                  std::function<void()>& between, bool& skip) {
    const PostfixPreambles& preambles = *voice.preambles;
    const MessageStyle& style = voice.style;
    if (const auto* build = std::get_if<lifecycle::BuildQueueTree>(&operation)) {
        // `postfix -c DIR set-permissions || exit 1`
        return report(effects::postfix_preamble(build->config_directory, preambles.defaults),
                      style);
    }
    if (std::holds_alternative<lifecycle::RemoveQueueTree>(operation)) {
        // destroy: `postfix -c DIR /bin/sh -c 'rmdir queue subdirectories'`, then the same
        // for the data and queue directories (absolute operands). Both start while the queue
        // directory is still there, so both are judged now; the second one's messages come
        // between the two kinds of leftovers. When postfix cannot start (the queue directory
        // is gone), both stop before their loop and destroy goes on.
        const auto preamble =
            effects::postfix_preamble(preambles.destroyed_config_directory, preambles.defaults);
        if (!report(preamble, style)) {
            (void)report(preamble, style);
            skip = true;
            return true;
        }
        between = [&style, preamble] { (void)report(preamble, style); };
    }
    return true;
}

}  // namespace

bool run_operations(const std::vector<lifecycle::Operation>& operations,
                    effects::OperationExecutor& executor, const OperationVoice& voice) {
    for (const lifecycle::Operation& operation : operations) {
        std::function<void()> between;
        bool skip = false;
        if (voice.preambles && !say_preamble(operation, voice, between, skip))
            return false;
        if (skip)
            continue;
        if (const Status done = execute_logged(executor, operation, voice, between); !done) {
            voice.failed(operation, done.error());
            return false;
        }
    }
    return true;
}

OperationVoice script_voice(const postmulti::EditPlan& plan, const HostContext& context,
                            const MessageStyle& style) {
    auto failed = [&style](const lifecycle::Operation& operation, const std::string& reason) {
        if (std::holds_alternative<lifecycle::CreateDirectories>(operation)) {
            style.directory_failure(reason);
        } else {
            style.fatal(MessageSource::script, reason);
        }
    };
    return OperationVoice{style, effects::ChangeEcho::syslog_only, failed,
                          PostfixPreambles{plan.target_config_directory, context.defaults}};
}

}  // namespace pmr::cli
