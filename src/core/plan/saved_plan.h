#pragma once

#include <optional>
#include <string>

#include "core/plan/plan_json.h"
#include "core/support/diagnostic.h"

namespace pmr::plan {

/// Reads the origin of a plan saved by `plan --out` (its manifest, config directory and host
/// fingerprint). A file of another major format_version, or that is not a saved plan, is
/// refused with the reason.
[[nodiscard]] std::optional<PlanOrigin> read_saved_plan(std::string_view text,
                                                        const std::string& path,
                                                        Diagnostics& problems);

}  // namespace pmr::plan
