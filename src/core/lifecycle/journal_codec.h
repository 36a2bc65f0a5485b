#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/lifecycle/operation.h"
#include "core/support/diagnostic.h"

namespace pmr::lifecycle {

/// The step an apply is in the middle of: enough to finish it after a crash. Every operation is
/// idempotent, so finishing means running all of the step's operations again.
struct JournalEntry {
    std::string step;  ///< e.g. `create postfix-out (/etc/postfix-out)`
    std::vector<Operation> operations;
};

/// The entry as JSON (`format_version` 1.0).
[[nodiscard]] std::string encode_journal(const JournalEntry& entry);

/// Reads an entry written by encode_journal(); reports a damaged one located at `path`.
[[nodiscard]] std::optional<JournalEntry> decode_journal(std::string_view text,
                                                         const std::string& path,
                                                         Diagnostics& problems);

}  // namespace pmr::lifecycle
