#pragma once

#include <string>
#include <vector>

#include "core/plan/plan.h"

namespace pmr::plan {

/// A step as a saved plan records it: what is compared when a saved plan is applied, to run
/// exactly the steps that were reviewed.
struct StepRecord {
    std::string headline;                 ///< `destroy postfix-old (/etc/postfix-old)`
    std::vector<std::string> changes;     ///< `NAME: BEFORE -> AFTER`, as the plan shows them
    std::vector<std::string> operations;  ///< their descriptions
    std::string digest;  ///< operations_digest(); empty in a saved plan of format_version 1.0

    /// The same step: headline, changes and operations, and the digests when both have one.
    [[nodiscard]] bool same_as(const StepRecord& other) const;
};

/// `sha256:HEX` over the complete encoding of a step's operations (file contents and modes
/// included, which their descriptions leave out).
[[nodiscard]] std::string operations_digest(const Step& step);

/// The headline of a step as the plan shows it: `KIND INSTANCE (CONFIG_DIRECTORY)`, the
/// directory left out when it is the instance's label.
[[nodiscard]] std::string headline(const Step& step);

/// The record of each step of `plan`.
[[nodiscard]] std::vector<StepRecord> step_records(const Plan& plan);

/// `refused: destroy INSTANCE (CONFIG_DIRECTORY)`.
[[nodiscard]] std::string refusal_record(const std::string& instance,
                                         const std::string& config_directory);

/// refusal_record() for each refusal of `plan` (without the
/// reason, whose message count may change without changing the plan).
[[nodiscard]] std::vector<std::string> refusal_records(const Plan& plan);

}  // namespace pmr::plan
