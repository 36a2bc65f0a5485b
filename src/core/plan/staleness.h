#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/plan/plan.h"
#include "core/plan/saved_plan.h"

namespace pmr::plan {

/// Why a saved plan no longer holds for the host as it is now, one line each: the files that
/// changed since it was made (`changed: PATH`, `new: PATH`, `gone: PATH`), the instances
/// started or stopped since (`started: DIR`, `stopped: DIR`), then, when the host now yields
/// other steps, `steps that would now differ (- saved, + now):` and a diff of the step lines
/// (`- 3. destroy postfix-old (/etc/postfix-old)`, `+ 3. reorder - (/etc/postfix)`, their
/// changes, and refusals), at most `max_diff_lines` lines of it. Empty when `fresh` is the
/// saved plan, made from the same host (`now`).
[[nodiscard]] std::vector<std::string> staleness(const SavedPlan& saved, const Plan& fresh,
                                                 const PlanOrigin& now,
                                                 std::size_t max_diff_lines = 20);

}  // namespace pmr::plan
