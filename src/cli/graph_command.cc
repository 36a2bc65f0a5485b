// `pmreconcile graph`: the mail flow between the host's instances (or as a manifest leaves them).
#include <iostream>

#include "cli/declarative_commands.h"
#include "cli/error_report.h"
#include "cli/host_context.h"
#include "cli/host_policy.h"
#include "cli/live_plan.h"
#include "core/flow/graph_format.h"
#include "core/flow/host_flow.h"
#include "core/support/exit_code.h"
#include "effects/host_snapshot.h"
#include "effects/process_runner.h"
#include "effects/services_file.h"

namespace pmr::cli {

namespace {

/// The mail flow of the live host (no manifest: no endpoints), or nullopt after reporting why.
std::optional<flow::FlowGraph> graph_of_live_host(const HostContext& context) {
    Diagnostics problems;
    // begin_snapshot() reads every instance's master.cf too.
    auto snapshot = effects::begin_snapshot(context.config_directory, context.defaults, problems);
    report_problems(problems);
    if (!snapshot)
        return std::nullopt;
    Diagnostics found;
    flow::FlowGraph graph = flow::graph_of_host(snapshot->host, context.defaults,
                                                effects::read_services_table(), {}, found);
    report_problems(found);
    return graph;
}

/// Renders `dot_source` as SVG with Graphviz's dot on stdout; the exit status.
int print_svg(const std::string& dot_source) {
    effects::RealProcessRunner runner;
    effects::Command command;
    command.argv = {"dot", "-Tsvg"};
    command.capture_output = true;
    command.input = dot_source;
    auto result = runner.run(command);
    if (!result) {
        report_error("--format svg needs Graphviz's dot (Debian package graphviz): " +
                     result.error());
        return to_int(ExitCode::error);
    }
    if (!result->succeeded()) {
        report_error("dot -Tsvg failed with exit status " + std::to_string(result->exit_status));
        return to_int(ExitCode::error);
    }
    std::cout << result->output;
    return to_int(ExitCode::ok);
}

int run_graph(const GlobalOptions& global, const DeclarativeOptions& options) {
    if (!refuse_mail_config(global))
        return to_int(ExitCode::error);
    const HostContext context = load_host_context(global.config_directory);
    std::optional<flow::FlowGraph> graph;
    if (options.manifest_path.empty()) {
        graph = graph_of_live_host(context);
    } else if (auto live = plan_live(context, options.manifest_path)) {
        graph = std::move(live->flow);
    }
    if (!graph)
        return to_int(ExitCode::error);
    if (options.format == "json") {
        std::cout << flow::render_json(*graph);
    } else if (options.format == "dot") {
        std::cout << flow::render_dot(*graph);
    } else if (options.format == "svg") {
        return print_svg(flow::render_dot(*graph));
    } else {
        std::cout << flow::render_text(*graph);
    }
    return to_int(ExitCode::ok);
}

}  // namespace

void add_graph_command(CLI::App& app, const DeclarativeBinding& binding) {
    DeclarativeOptions& options = *binding.options;
    auto* graph = app.add_subcommand(
        "graph",
        "Show the mail flow between the instances (of the host, or as a manifest leaves it)");
    graph->add_option(
        "-f,--file", options.manifest_path,
        "The manifest whose result to show (- for standard input); default: the host");
    graph->add_option("--format", options.format, "text (default), json, dot, or svg (needs dot)")
        ->check(CLI::IsMember({"text", "json", "dot", "svg"}));
    graph->footer(
        "Read-only. Edges are hand-offs (relayhost, default_transport, relay_transport,\n"
        "virtual_transport, content_filter, transport_maps, -o overrides); with -f the checks of\n"
        "plan run first (listener conflicts and loops are errors).\nExamples:\n"
        "  pmreconcile graph\n"
        "  pmreconcile graph -f instances.yaml --format svg > flow.svg\n");
    graph->callback(binding.to(run_graph));
}

}  // namespace pmr::cli
