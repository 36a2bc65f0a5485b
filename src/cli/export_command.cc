// `pmreconcile export`: the host's instances as a manifest.
#include <iostream>
#include <set>

#include "cli/declarative_commands.h"
#include "cli/error_report.h"
#include "cli/host_context.h"
#include "cli/service_export.h"
#include "core/manifest/manifest_writer.h"
#include "core/support/exit_code.h"
#include "effects/bulk_heap.h"
#include "effects/host_reader.h"
#include "effects/instance_probe.h"
#include "effects/output_file.h"

namespace pmr::cli {

namespace {

int run_export(const GlobalOptions& global, const DeclarativeOptions& options) {
    const HostContext context = load_host_context(global.config_directory);
    effects::prepare_heap_for_whole_host();  // every main.cf is kept
    Diagnostics problems;
    const auto host = effects::read_host(context.config_directory, context.defaults, problems);
    if (!host) {
        report_problems(problems);
        return to_int(ExitCode::error);
    }
    // `running:` as the host has it, so that a plan of the export changes nothing.
    std::set<std::string> running;
    for (const instance::Instance& i : host->state.instances) {
        if (effects::master_running(i.queue_directory))
            running.insert(i.config_directory);
    }
    auto exported = manifest::manifest_from_host(
        host->state, options.with_parameters ? &host->files : nullptr, &running);
    if (options.with_services &&
        !add_exported_services(exported, host->state, host->files, context.defaults, problems)) {
        report_problems(problems);
        return to_int(ExitCode::error);
    }
    const std::string text = manifest::write_manifest(exported);
    if (options.out.empty()) {
        std::cout << text;
        return to_int(ExitCode::ok);
    }
    auto written = effects::write_output_file(options.out, text, 0644);
    if (!written) {
        report_error(written.error());
        return to_int(ExitCode::error);
    }
    return to_int(ExitCode::ok);
}

}  // namespace

void add_export_command(CLI::App& app, const DeclarativeBinding& binding) {
    DeclarativeOptions& options = *binding.options;
    auto* exporter = app.add_subcommand("export", "Print the host's instances as a manifest");
    exporter->add_option("-o,--output", options.out, "Write to this file instead of stdout");
    exporter->add_flag("--with-parameters", options.with_parameters,
                       "Also manage every explicit main.cf setting of each instance");
    exporter->add_flag("--with-services", options.with_services,
                       "Also manage the master.cf services that differ from the stock master.cf");
    exporter->footer(
        "Examples:\n  pmreconcile export -o instances.yaml\n"
        "  pmreconcile export --with-parameters --with-services -o instances.yaml\n");
    exporter->callback(binding.to(run_export));
}

}  // namespace pmr::cli
