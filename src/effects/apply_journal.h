#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/lifecycle/journal_codec.h"
#include "core/support/expected.h"
#include "effects/state_files.h"

namespace pmr::effects {

/// Records the step about to run, durably, before any of its operations, in root's own state
/// directory (created mode 0755 as needed); the journal is mode 0600.
[[nodiscard]] Status write_journal(const StateFiles& files, const lifecycle::JournalEntry& entry);

/// Forgets the journal once its step completed (removal made durable).
[[nodiscard]] Status clear_journal(const StateFiles& files);

/// Once no step is in progress (it completed, or returned an error and its effects are known):
/// keeps only the work still `owed`, or clears the journal when nothing is.
[[nodiscard]] Status keep_owed_work(const StateFiles& files,
                                    const std::vector<lifecycle::OwedWork>& owed);

/// The journal of an interrupted apply, if any; a failure when it cannot be read or is damaged.
[[nodiscard]] Expected<std::optional<lifecycle::JournalEntry>> read_journal(
    const StateFiles& files);

}  // namespace pmr::effects
