// `pmreconcile plan`: the steps that would make the host match a manifest, shown or saved.
#include <iostream>

#include "cli/declarative_commands.h"
#include "cli/error_report.h"
#include "cli/host_context.h"
#include "cli/host_policy.h"
#include "cli/live_plan.h"
#include "cli/terminal.h"
#include "core/plan/plan_json.h"
#include "core/plan/plan_text.h"
#include "core/support/exit_code.h"
#include "effects/output_file.h"

namespace pmr::cli {

namespace {

/// Shows the plan of `live` and saves it as `options` say; the command's exit status.
int show_plan(const LivePlan& live, const GlobalOptions& global,
              const DeclarativeOptions& options) {
    const plan::Plan& plan = *live.result.plan;
    // The JSON form carries the host's fingerprint, which costs a hash of every main.cf.
    const bool wants_json = options.json || !options.out.empty();
    const std::string json = wants_json ? plan::render_json(plan, origin_of(live)) : std::string();
    if (options.json) {
        std::cout << json;
    } else {
        std::cout << plan::render_text(plan, plan::TextStyle{use_color(global.no_color)});
    }
    if (!options.out.empty()) {
        auto saved = effects::write_output_file(options.out, json, 0600);
        if (!saved) {
            report_error(saved.error());
            return to_int(ExitCode::error);
        }
        if (!options.json) {
            std::cout << "\nSaved the plan to " << options.out << "; run 'pmreconcile apply "
                      << options.out << "' to carry it out.\n";
        }
    }
    if (options.detailed_exitcode && !plan.empty())
        return to_int(ExitCode::changes);
    return to_int(ExitCode::ok);
}

int run_plan(const GlobalOptions& global, const DeclarativeOptions& options) {
    if (!refuse_mail_config(global))
        return to_int(ExitCode::error);
    auto live = plan_live(load_host_context(global.config_directory), options.manifest_path);
    if (!live)
        return to_int(ExitCode::error);
    const int status = show_plan(*live, global, options);
    keep_until_exit(std::move(live));
    return status;
}

}  // namespace

void add_plan_command(CLI::App& app, const DeclarativeBinding& binding) {
    DeclarativeOptions& options = *binding.options;
    auto* plan =
        app.add_subcommand("plan", "Show the steps that would make the host match a manifest");
    plan->add_option("-f,--file", options.manifest_path, "The manifest (- for standard input)")
        ->required();
    plan->add_flag("--json", options.json, "Machine-readable plan (with format_version)");
    plan->add_option("--out", options.out, "Also save the plan for 'apply PLANFILE'");
    plan->add_flag("--detailed-exitcode", options.detailed_exitcode,
                   "Exit 0 with no changes, 2 with changes, 1 on error");
    plan->footer(
        "Examples:\n  pmreconcile plan -f instances.yaml\n"
        "  pmreconcile plan -f instances.yaml --out plan.json --detailed-exitcode\n");
    plan->callback(binding.to(run_plan));
}

}  // namespace pmr::cli
