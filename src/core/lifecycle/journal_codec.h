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

/// The entry as JSON: `format_version` 1.2 when it edits a master.cf (`edit_master_cf`, each
/// edit as its mode and postconf's argument), else 1.1 when an edit appends to a list (a kind
/// that 1.0 readers took for a set), else 1.0, so that the other entries, and the digests of
/// the steps in a plan (see operations_digest()), are the same as before.
[[nodiscard]] std::string encode_journal(const JournalEntry& entry);

/// Reads an entry written by encode_journal(); reports a damaged one located at `path`, and
/// refuses a format_version other than 1.x and an operation or edit kind it does not know.
[[nodiscard]] std::optional<JournalEntry> decode_journal(std::string_view text,
                                                         const std::string& path,
                                                         Diagnostics& problems);

}  // namespace pmr::lifecycle
