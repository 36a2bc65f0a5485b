// `pmreconcile check`: drift from a manifest, read-only, with a node_exporter textfile.
#include <ctime>
#include <iostream>
#include <set>

#include "cli/declarative_commands.h"
#include "cli/error_report.h"
#include "cli/host_context.h"
#include "cli/host_policy.h"
#include "cli/live_plan.h"
#include "cli/terminal.h"
#include "core/plan/metrics.h"
#include "core/plan/plan_json.h"
#include "core/plan/plan_text.h"
#include "core/support/exit_code.h"
#include "effects/output_file.h"
#include "effects/read_file.h"

namespace pmr::cli {

namespace {

/// Writes the metrics of `live` (nullptr: planning failed) to `path`; false after reporting a
/// file that cannot be written: the timer must not look healthy while the metrics go stale.
bool write_metrics(const std::string& path, const std::optional<LivePlan>& live) {
    const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
    std::shared_ptr<const instance::HostState> state;
    std::set<std::string> running;
    if (live) {
        Diagnostics ignored;
        state = live->snapshot->host.shared_state(ignored);
        for (std::size_t k = 0; state && k < state->instances.size(); ++k) {
            const std::string& directory = state->instances[k].config_directory;
            if (live->snapshot->host.facts(directory).running)
                running.insert(directory);
        }
    }
    const std::string metrics =
        plan::render_prometheus(live ? &*live->result.plan : nullptr, state.get(), now, &running);
    if (auto written = effects::write_output_file(path, metrics, 0644); !written) {
        report_error(written.error());
        return false;
    }
    return true;
}

/// Shows whether the host drifted from the manifest `live` plans; the command's exit status.
int show_drift(const LivePlan& live, const GlobalOptions& global,
               const DeclarativeOptions& options) {
    const plan::Plan& plan = *live.result.plan;
    if (options.json) {
        std::cout << plan::render_json(plan, origin_of(live));
    } else if (plan.empty()) {
        std::cout << "In sync: the host matches "
                  << effects::manifest_input_name(options.manifest_path) << ".\n";
    } else {
        std::cout << "Drift: the host differs from "
                  << effects::manifest_input_name(options.manifest_path) << ".\n\n"
                  << plan::render_text(plan, plan::TextStyle{use_color(global.no_color)});
    }
    return plan.empty() ? to_int(ExitCode::ok) : to_int(ExitCode::changes);
}

int run_check(const GlobalOptions& global, const DeclarativeOptions& options) {
    if (!refuse_mail_config(global))
        return to_int(ExitCode::error);
    auto live = plan_live(load_host_context(global.config_directory), options.manifest_path);
    if (!options.prometheus.empty() && !write_metrics(options.prometheus, live))
        return to_int(ExitCode::error);
    if (!live)
        return to_int(ExitCode::error);
    const int status = show_drift(*live, global, options);
    keep_until_exit(std::move(live));
    return status;
}

}  // namespace

void add_check_command(CLI::App& app, const DeclarativeBinding& binding) {
    DeclarativeOptions& options = *binding.options;
    auto* check = app.add_subcommand("check", "Detect drift from a manifest (read-only)");
    check->add_option("-f,--file", options.manifest_path, "The manifest (- for standard input)")
        ->required();
    check->add_flag("--json", options.json, "Machine-readable result");
    check->add_option(
        "--prometheus", options.prometheus,
        "Write a node_exporter textfile (e.g. /var/lib/node_exporter/pmreconcile.prom)");
    check->footer(
        "Exit status: 0 in sync, 2 drift, 1 error.\nExample:\n"
        "  pmreconcile check -f instances.yaml --prometheus "
        "/var/lib/node_exporter/pmreconcile.prom\n");
    check->callback(binding.to(run_check));
}

}  // namespace pmr::cli
