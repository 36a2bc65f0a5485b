#pragma once

#include <string>

#include "core/plan/plan.h"

namespace pmr::plan {

/// The version of every machine-readable plan (and saved plan file). Readers refuse another
/// major version; new fields only bump the minor version.
inline constexpr const char* plan_format_version = "1.1";

/// What a saved plan records besides the steps: the manifest it was made from and the
/// fingerprint of the host it was made against.
struct PlanOrigin {
    std::string manifest_path;
    std::string manifest_text;
    std::string config_directory;
    std::string fingerprint;  ///< `sha256:HEX` over the live main.cf files
};

/// `{"format_version":"1.1", "fingerprint":..., "summary":{...}, "steps":[...],
/// "refusals":[...], "origin":{...}}` followed by a newline.
[[nodiscard]] std::string render_json(const Plan& plan, const PlanOrigin& origin);

}  // namespace pmr::plan
