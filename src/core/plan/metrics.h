#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "core/instance/host_state.h"
#include "core/plan/plan.h"

namespace pmr::plan {

/// The drift check's node_exporter textfile, every metric a gauge with HELP and TYPE lines:
/// `pmreconcile_drift{postfix_instance="NAME",config_directory="DIR"}` (1 when a step or refusal
/// concerns the instance; NAME as postmulti -l shows it, `-` for the primary),
/// `pmreconcile_drift_steps`, `pmreconcile_last_run_success` and
/// `pmreconcile_last_run_timestamp_seconds`; with `running` (the config directories whose master
/// runs), `pmreconcile_instance_running{...}` (1 running, 0 stopped) for every instance of
/// `state`, and `pmreconcile_running_drift{...}` (1 when the plan starts or stops the instance:
/// it should run and does not, or the reverse). The label is not `instance`, which Prometheus
/// sets on every scraped series (it would become `exported_instance`). `plan` is null when the
/// check failed.
[[nodiscard]] std::string render_prometheus(const Plan* plan, const instance::HostState* state,
                                            std::int64_t timestamp_seconds,
                                            const std::set<std::string>* running = nullptr);

}  // namespace pmr::plan
