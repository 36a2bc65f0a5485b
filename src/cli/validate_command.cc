// `pmreconcile validate`: checks a manifest; of the host, only Postfix's parameter names are read.
#include <spdlog/spdlog.h>

#include <algorithm>
#include <iostream>

#include "cli/declarative_commands.h"
#include "cli/error_report.h"
#include "cli/host_context.h"
#include "cli/manifest_loading.h"
#include "core/flow/checks.h"
#include "core/manifest/manifest_parser.h"
#include "core/manifest/parameter_names.h"
#include "core/support/exit_code.h"
#include "effects/read_file.h"
#include "effects/thread_runner.h"

namespace pmr::cli {

namespace {

/// The service names whose derived parameters are known: the stock master.cf's, and those of
/// the master.cf of the primary and of each instance the manifest lists, where it exists.
std::vector<std::string> known_services(const manifest::Manifest& manifest,
                                        const std::string& primary_directory) {
    std::vector<std::string> services = manifest::stock_service_names();
    std::vector<std::string> directories{primary_directory};
    for (const manifest::DesiredInstance& instance : manifest.instances) {
        directories.push_back(instance.config_directory.value_or(
            manifest::derived_directory(primary_directory, instance.name)));
    }
    for (const std::string& directory : directories) {
        auto text = effects::read_config_file_if_exists(directory + "/master.cf");
        if (!text || !*text)
            continue;
        for (std::string& service : manifest::master_cf_service_names(**text)) {
            services.push_back(std::move(service));
        }
    }
    return services;
}

/// validate's check of parameter names against Postfix's (postconf -d, from its cache when
/// valid): warnings, errors with --strict. Skipped without Postfix: the built-in table knows
/// only the parameters pmreconcile reads.
Diagnostics check_parameter_names(const manifest::Manifest& manifest, const GlobalOptions& global,
                                  bool strict) {
    const bool sets_parameters =
        !manifest.primary_parameters.empty() ||
        std::ranges::any_of(manifest.instances, [](const manifest::DesiredInstance& instance) {
            return !instance.parameters.empty();
        });
    if (!sets_parameters)
        return {};  // nothing to check: nothing of the host is read
    const HostContext context = load_host_context(global.config_directory);
    if (context.defaults.size() <= maincf::ParameterDefaults::builtin().size()) {
        spdlog::info("Postfix's parameter names are not known (no postconf -d): names not checked");
        return {};
    }
    std::vector<std::string> known = context.defaults.names();
    for (std::string& name :
         manifest::service_parameter_names(known_services(manifest, context.config_directory))) {
        known.push_back(std::move(name));
    }
    return manifest::check_parameter_names(manifest, known,
                                           strict ? Severity::error : Severity::warning);
}

int run_validate(const GlobalOptions& global, const DeclarativeOptions& options) {
    const HostContext context{maincf::ParameterDefaults::builtin(),
                              global.config_directory.value_or("/etc/postfix"),
                              "/usr/sbin",
                              {},
                              {}};
    auto text = effects::read_manifest_input(options.manifest_path, manifest::max_manifest_bytes);
    if (!text) {
        report_error(text.error());
        return to_int(ExitCode::error);
    }
    const std::string name = effects::manifest_input_name(options.manifest_path);
    // Every problem at once: of meaning too, where the structure has problems elsewhere.
    Diagnostics problems;
    const auto manifest = manifest::parse_and_validate(
        *text, name, default_primary_directories(context), problems, effects::ThreadRunner{});
    if (manifest) {
        const Diagnostics names = check_parameter_names(*manifest, global, options.strict);
        problems.insert(problems.end(), names.begin(), names.end());
        const Diagnostics flow = flow::check_endpoints(*manifest);
        problems.insert(problems.end(), flow.begin(), flow.end());
        std::ranges::stable_sort(
            problems, [](const Diagnostic& x, const Diagnostic& y) { return x.line < y.line; });
    }
    for (Diagnostic problem : problems) {
        if (problem.severity == Severity::warning)
            problem.message = "warning: " + problem.message;
        std::cerr << problem.to_string() << '\n';
    }
    if (!manifest || has_errors(problems))
        return to_int(ExitCode::error);
    std::cout << name << ": valid (" << manifest->instances.size() << " instance"
              << (manifest->instances.size() == 1 ? "" : "s") << ")\n";
    return to_int(ExitCode::ok);
}

}  // namespace

void add_validate_command(CLI::App& app, const DeclarativeBinding& binding) {
    DeclarativeOptions& options = *binding.options;
    auto* validate = app.add_subcommand(
        "validate", "Check a manifest (of the host, only Postfix's parameter names are read)");
    validate->add_option("-f,--file", options.manifest_path, "The manifest (- for standard input)")
        ->required();
    validate->add_flag("--strict", options.strict,
                       "A parameter name Postfix does not know is an error, not a warning");
    validate->footer("Example:\n  pmreconcile validate -f /etc/pmreconcile/instances.yaml\n");
    validate->callback(binding.to(run_validate));
}

}  // namespace pmr::cli
