#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/plan/plan_json.h"
#include "core/plan/step_record.h"
#include "core/support/diagnostic.h"

namespace pmr::plan {

/// A plan saved by `plan --out`: where it came from, and the steps and refusals that were
/// reviewed.
struct SavedPlan {
    PlanOrigin origin;
    bool has_host_record = false;  ///< false in format_version 1.0 (no `host`)
    std::vector<StepRecord> steps;
    std::vector<std::string> refusals;  ///< as refusal_records() writes them
};

/// Reads a plan saved by `plan --out`. A file of another major format_version, or that is not
/// a saved plan, is refused with the reason.
[[nodiscard]] std::optional<SavedPlan> read_saved_plan(std::string_view text,
                                                       const std::string& path,
                                                       Diagnostics& problems);

}  // namespace pmr::plan
