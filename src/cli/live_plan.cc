#include "cli/live_plan.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <future>
#include <iostream>
#include <system_error>
#include <vector>

#include "cli/elapsed.h"
#include "cli/error_report.h"
#include "core/flow/checks.h"
#include "core/flow/host_flow.h"
#include "core/manifest/host_conflicts.h"
#include "effects/bulk_heap.h"
#include "effects/run_lock.h"
#include "effects/services_file.h"

namespace pmr::cli {

namespace {

/// Reads the manifest and the host into `live`; false after reporting a failure. The host's
/// problems are reported unless `quiet` and the host could be read all the same.
bool read_manifest_and_host(LivePlan& live, const std::string& manifest_path,
                            const std::optional<std::string>& manifest_text, bool quiet) {
    // The manifest is parsed and validated on a second thread while this one reads the host:
    // on a 1,000-instance host each takes a good share of the time, and neither needs the
    // other. This thread reads the host because its heap is the one readied for it.
    auto load = [&] {
        return load_manifest(manifest_path, default_primary_directories(*live.context),
                             manifest_text);
    };
    std::future<std::optional<LoadedManifest>> loading;
    try {
        loading = std::async(std::launch::async, load);
    } catch (const std::system_error&) {
        loading = std::async(std::launch::deferred, load);  // no thread to be had: in turn
    }
    Diagnostics problems;
    const auto reading = std::chrono::steady_clock::now();
    auto snapshot =
        effects::begin_snapshot(live.context->config_directory, live.context->defaults, problems);
    auto manifest = loading.get();
    if (!manifest)
        return false;  // the host's problems are not news then
    live.manifest = std::move(*manifest);
    // Each instance the plan keeps or creates adds its files to what is held: ready the heap.
    effects::reserve_heap_for_whole_host(
        effects::heap_bytes_for_instances(live.manifest.manifest.instances.size()));
    if (snapshot && effects::complete_snapshot(*snapshot, live.manifest.manifest,
                                               live.context->defaults, problems)) {
        live.snapshot = std::move(snapshot);
    }
    if (!quiet || !live.snapshot)
        report_problems(problems);
    if (!live.snapshot)
        return false;
    spdlog::debug("read the manifest and the host ({}) in {} ms", live.context->config_directory,
                  milliseconds_since(reading));
    return true;
}

/// Takes the command directory from the host as read; false after reporting new instances
/// that would nest in the directories of instances the manifest leaves alone.
bool settle_host_directories(LivePlan& live) {
    Diagnostics ignored;
    const auto state = live.snapshot->host.shared_state(ignored);
    if (!state) {
        live.command_directory = live.context->command_directory;
        return true;
    }
    live.command_directory = state->shared.command_directory;
    const Diagnostics overlaps = manifest::check_host_overlaps(live.manifest.manifest, *state);
    report_problems(overlaps);
    return overlaps.empty();
}

/// Says that an apply is running or was interrupted, when the host shows a journaled step.
void note_interrupted_step(const LivePlan& live, Voice voice) {
    if (!live.snapshot->interrupted_step || voice == Voice::quiet)
        return;
    // The journal of a step is there while it runs, too: say which it is.
    if (const auto holder = effects::running_holder(live.snapshot->state_files)) {
        if (voice != Voice::before_locking) {
            std::cerr << "pmreconcile: note: another pmreconcile is applying changes right now ("
                      << *holder << "), at step " << *live.snapshot->interrupted_step << '\n';
        }
    } else {
        std::cerr << "pmreconcile: note: an interrupted apply left a step unfinished ("
                  << *live.snapshot->interrupted_step
                  << "); the next apply finishes it before anything else\n";
    }
}

/// Builds the mail flow of the host as the plan leaves it into `live` and reports its checks
/// (warnings unless `voice` is quiet); false when one is an error.
bool check_mail_flow(LivePlan& live, Voice voice) {
    Diagnostics problems;
    live.flow = flow::graph_of_host(*live.result.host_after, live.context->defaults,
                                    effects::read_services_table(),
                                    flow::endpoint_nodes(live.manifest.manifest), problems);
    for (Diagnostic& d : flow::check_flow(*live.flow, live.manifest.manifest))
        problems.push_back(std::move(d));
    const bool failed = has_errors(problems);
    if (voice == Voice::quiet)
        std::erase_if(problems, [](const Diagnostic& d) { return d.severity != Severity::error; });
    report_problems(problems);
    return !failed;
}

}  // namespace

std::optional<LivePlan> plan_live(const HostContext& context, const std::string& manifest_path,
                                  const std::optional<std::string>& manifest_text, Voice voice) {
    effects::prepare_heap_for_whole_host();  // the manifest and every main.cf are kept
    LivePlan live{std::make_shared<const HostContext>(context), {}, {}, {}, {}, {}};
    if (!read_manifest_and_host(live, manifest_path, manifest_text, voice == Voice::quiet) ||
        !settle_host_directories(live)) {
        return std::nullopt;
    }
    note_interrupted_step(live, voice);
    const auto planning = std::chrono::steady_clock::now();
    live.result = plan::make_plan(live.manifest.manifest, live.snapshot->host,
                                  live.context->defaults, live.snapshot->owed_work);
    spdlog::debug("planned in {} ms", milliseconds_since(planning));
    if (!live.result.plan) {
        report_problems(live.result.problems);
        return std::nullopt;
    }
    const auto checking = std::chrono::steady_clock::now();
    if (!check_mail_flow(live, voice))
        return std::nullopt;
    spdlog::debug("checked the mail flow in {} ms", milliseconds_since(checking));
    return live;
}

plan::PlanOrigin origin_of(const LivePlan& live) {
    plan::HostRecord record = live.snapshot->record();
    std::string fingerprint = plan::fingerprint_of(record);
    return plan::PlanOrigin{live.manifest.manifest.path, live.manifest.text,
                            live.context->config_directory, std::move(fingerprint),
                            std::move(record)};
}

void keep_until_exit(std::optional<LivePlan> live) {
    if (!live)
        return;
    static auto* const kept = new std::vector<LivePlan>();  // never deleted, on purpose
    kept->push_back(std::move(*live));
}

}  // namespace pmr::cli
