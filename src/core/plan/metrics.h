#pragma once

#include <cstdint>
#include <string>

#include "core/instance/host_state.h"
#include "core/plan/plan.h"

namespace pmr::plan {

/// The drift check's node_exporter textfile: `pmreconcile_drift{instance="..."}` (1 when a step
/// or refusal concerns the instance), `pmreconcile_drift_steps`, `pmreconcile_last_run_success`
/// and `pmreconcile_last_run_timestamp_seconds`. `plan` is null when the check failed.
[[nodiscard]] std::string render_prometheus(const Plan* plan, const instance::HostState* state,
                                            std::int64_t timestamp_seconds);

}  // namespace pmr::plan
