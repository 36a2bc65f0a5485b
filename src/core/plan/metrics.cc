#include "core/plan/metrics.h"

#include <map>
#include <string_view>

namespace pmr::plan {

namespace {

/// A Prometheus label value: backslash, quote and newline escaped.
std::string label_value(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == '\\' || c == '"')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

/// One instance's drift line, labelled as postmulti -l names it.
struct Drift {
    std::string name;  ///< `-` for the primary and for an instance without a name
    int value = 0;
};

/// Every instance on the host (0) and every one a step or refusal concerns (1), by config
/// directory: the one label that identifies an instance.
std::map<std::string, Drift> drift_by_directory(const Plan& plan,
                                                const instance::HostState* state) {
    std::map<std::string, Drift> drift;  // sorted for a stable textfile
    if (state != nullptr) {
        for (const instance::Instance& i : state->instances) {
            drift[i.config_directory] = Drift{i.primary || i.name.empty() ? "-" : i.name, 0};
        }
    }
    const auto mark = [&drift](const std::string& label, const std::string& directory) {
        drift.try_emplace(directory, Drift{label.empty() ? "-" : label, 1}).first->second.value = 1;
    };
    for (const Step& step : plan.steps)
        mark(step.instance, step.config_directory);
    for (const Refusal& refusal : plan.refusals)
        mark(refusal.instance, refusal.config_directory);
    return drift;
}

/// The HELP and TYPE lines every metric has (promtool check metrics wants both).
std::string header(std::string_view name, std::string_view help) {
    return "# HELP " + std::string(name) + " " + std::string(help) + "\n# TYPE " +
           std::string(name) + " gauge\n";
}

/// The labels of one instance's series.
std::string labels(const instance::Instance& i) {
    return "{postfix_instance=\"" + label_value(i.primary || i.name.empty() ? "-" : i.name) +
           "\",config_directory=\"" + label_value(i.config_directory) + "\"}";
}

/// Whether the instance runs, and whether `plan` starts or stops it, for each instance.
std::string running_series(const Plan* plan, const instance::HostState& state,
                           const std::set<std::string>& running) {
    std::string out = header("pmreconcile_instance_running",
                             "Whether the Postfix instance's master runs (1) or not (0).");
    for (const instance::Instance& i : state.instances) {
        out += "pmreconcile_instance_running" + labels(i) + " " +
               (running.contains(i.config_directory) ? "1" : "0") + "\n";
    }
    if (plan == nullptr)
        return out;
    std::set<std::string> drifting;
    for (const Step& step : plan->steps) {
        if (step.kind == StepKind::start || step.kind == StepKind::stop)
            drifting.insert(step.config_directory);
    }
    out += header("pmreconcile_running_drift",
                  "Whether the Postfix instance runs when it should not, or the reverse (1).");
    for (const instance::Instance& i : state.instances) {
        out += "pmreconcile_running_drift" + labels(i) + " " +
               (drifting.contains(i.config_directory) ? "1" : "0") + "\n";
    }
    return out;
}

}  // namespace

std::string render_prometheus(const Plan* plan, const instance::HostState* state,
                              std::int64_t timestamp_seconds,
                              const std::set<std::string>* running) {
    std::string out;
    if (plan != nullptr) {
        out += header("pmreconcile_drift",
                      "Whether the Postfix instance differs from the manifest (1) or not (0).");
        for (const auto& [directory, drift] : drift_by_directory(*plan, state)) {
            out += "pmreconcile_drift{postfix_instance=\"" + label_value(drift.name) +
                   "\",config_directory=\"" + label_value(directory) + "\"} " +
                   std::to_string(drift.value) + "\n";
        }
        out += header("pmreconcile_drift_steps", "Steps pmreconcile apply would take.") +
               "pmreconcile_drift_steps " + std::to_string(plan->steps.size()) + "\n";
    }
    if (state != nullptr && running != nullptr)
        out += running_series(plan, *state, *running);
    out += header("pmreconcile_last_run_success", "Whether the last check ran without error.") +
           "pmreconcile_last_run_success " + std::string(plan ? "1" : "0") + "\n" +
           header("pmreconcile_last_run_timestamp_seconds",
                  "When the last check ran, in seconds since the epoch.") +
           "pmreconcile_last_run_timestamp_seconds " + std::to_string(timestamp_seconds) + "\n";
    return out;
}

}  // namespace pmr::plan
