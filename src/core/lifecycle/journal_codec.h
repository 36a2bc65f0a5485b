#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/lifecycle/operation.h"
#include "core/lifecycle/owed_work.h"
#include "core/support/diagnostic.h"

namespace pmr::lifecycle {

/// What an apply leaves for the next one. The step it is in the middle of, if any: enough to
/// finish it after a crash or a kill (its effects are unknown); every operation is idempotent,
/// so finishing means running all of the step's operations again. A step that returned an error
/// is not kept (its effects are known: the next apply plans again from the host as it is). And
/// the work instances owe (a reload after their main.cf changed), which the next plan carries.
struct JournalEntry {
    std::string step;  ///< e.g. `create postfix-out (/etc/postfix-out)`; "": none in progress
    std::vector<Operation> operations;
    std::vector<OwedWork> owed{};  ///< in the order it was first owed, each instance once

    /// Whether a step was in progress (and must be finished before anything else).
    [[nodiscard]] bool has_step() const { return !step.empty() || !operations.empty(); }
};

/// The entry as JSON: `format_version` 2.0 when it holds owed work (1.x readers would drop it,
/// so they must refuse it), else 1.2 when it edits a master.cf (`edit_master_cf`, each edit as
/// its mode and postconf's argument), else 1.1 when an edit appends to a list (a kind that 1.0
/// readers took for a set), else 1.0, so that the other entries, and the digests of the steps in
/// a plan (see operations_digest()), are the same as before.
[[nodiscard]] std::string encode_journal(const JournalEntry& entry);

/// Reads an entry written by encode_journal(); reports a damaged one located at `path`, and
/// refuses a format_version other than 1.x or 2.x and an operation, edit or owed kind it does
/// not know. In 2.x, `step`, `operations` and `owed` may each be left out.
[[nodiscard]] std::optional<JournalEntry> decode_journal(std::string_view text,
                                                         const std::string& path,
                                                         Diagnostics& problems);

}  // namespace pmr::lifecycle
