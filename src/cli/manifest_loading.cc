#include "cli/manifest_loading.h"

#include <spdlog/spdlog.h>

#include <iostream>

#include "cli/error_report.h"
#include "core/flow/checks.h"
#include "core/manifest/manifest_parser.h"
#include "effects/bulk_heap.h"
#include "effects/read_file.h"
#include "effects/thread_runner.h"

namespace pmr::cli {

std::optional<LoadedManifest> load_manifest(const std::string& path,
                                            const manifest::PrimaryDirectories& primary,
                                            const std::optional<std::string>& text) {
    LoadedManifest loaded;
    const std::string name = effects::manifest_input_name(path);
    if (text) {
        loaded.text = *text;
    } else {
        auto read = effects::read_manifest_input(path, manifest::max_manifest_bytes);
        if (!read) {
            report_error(read.error());
            return std::nullopt;
        }
        loaded.text = std::move(read).value();
    }
    Diagnostics problems;
    // Each part's tree is built on a thread of its own, whose heap is readied for it.
    const effects::ThreadRunner runner(effects::heap_bytes_for_manifest(loaded.text.size()));
    auto parsed = manifest::parse_manifest(loaded.text, name, problems, runner);
    if (parsed) {
        problems = manifest::validate(*parsed, primary);
        const Diagnostics flow = flow::check_endpoints(*parsed);
        problems.insert(problems.end(), flow.begin(), flow.end());
    }
    for (const Diagnostic& problem : problems)
        std::cerr << problem.to_string() << '\n';
    if (!parsed || has_errors(problems))
        return std::nullopt;
    loaded.manifest = std::move(*parsed);
    spdlog::debug("read {}: {} bytes, {} instances", name, loaded.text.size(),
                  loaded.manifest.instances.size());
    return loaded;
}

manifest::PrimaryDirectories default_primary_directories(const HostContext& context) {
    return manifest::PrimaryDirectories{
        context.config_directory,
        std::string(context.defaults.get("queue_directory").value_or("/var/spool/postfix")),
        std::string(context.defaults.get("data_directory").value_or("/var/lib/postfix"))};
}

}  // namespace pmr::cli
