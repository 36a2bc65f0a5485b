#include "core/plan/metrics.h"

#include <map>

namespace pmr::plan {

namespace {

/// A Prometheus label value: backslash, quote and newline escaped.
std::string label_value(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    return out;
}

}  // namespace

std::string render_prometheus(const Plan* plan, const instance::HostState* state,
                              std::int64_t timestamp_seconds) {
    std::string out;
    if (plan != nullptr) {
        std::map<std::string, int> drift;  // instance label -> 0/1, sorted for stable output
        if (state != nullptr) {
            for (const instance::Instance& i : state->instances) {
                drift[i.primary ? "-" : (i.name.empty() ? i.config_directory : i.name)] = 0;
            }
        }
        for (const Step& step : plan->steps) drift[step.instance] = 1;
        for (const Refusal& refusal : plan->refusals) drift[refusal.instance] = 1;
        out += "# HELP pmreconcile_drift Whether the instance differs from the manifest.\n"
               "# TYPE pmreconcile_drift gauge\n";
        for (const auto& [instance, value] : drift) {
            out += "pmreconcile_drift{instance=\"" + label_value(instance) + "\"} " +
                   std::to_string(value) + "\n";
        }
        out += "# HELP pmreconcile_drift_steps Steps apply would take.\n"
               "# TYPE pmreconcile_drift_steps gauge\n"
               "pmreconcile_drift_steps " + std::to_string(plan->steps.size()) + "\n";
    }
    out += "# HELP pmreconcile_last_run_success Whether the last check ran without error.\n"
           "# TYPE pmreconcile_last_run_success gauge\n"
           "pmreconcile_last_run_success " + std::string(plan ? "1" : "0") + "\n"
           "# HELP pmreconcile_last_run_timestamp_seconds When the last check ran.\n"
           "# TYPE pmreconcile_last_run_timestamp_seconds gauge\n"
           "pmreconcile_last_run_timestamp_seconds " + std::to_string(timestamp_seconds) + "\n";
    return out;
}

}  // namespace pmr::plan
