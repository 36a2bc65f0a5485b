#pragma once

#include <optional>
#include <string>

#include "core/lifecycle/journal_codec.h"
#include "core/maincf/main_cf.h"
#include "core/maincf/parameter_defaults.h"
#include "core/support/expected.h"

namespace pmr::effects {

/// Where pmreconcile keeps its own state: `$data_directory/pmreconcile` of the primary, with the
/// run lock (`lock`) and the journal of an apply in progress (`journal.json`).
struct StateFiles {
    std::string directory;
    [[nodiscard]] std::string lock() const { return directory + "/lock"; }
    [[nodiscard]] std::string journal() const { return directory + "/journal.json"; }
};

/// pmreconcile's state files for the primary whose main.cf is `primary` (its data_directory,
/// expanded over `defaults`).
[[nodiscard]] StateFiles state_files_for(const maincf::MainCf& primary,
                                         const maincf::ParameterDefaults& defaults);

/// Records the step about to run, durably, before any of its operations. The journal is root's
/// own file; its directory belongs to data_directory's owner (see
/// create_directory_owned_like_parent).
[[nodiscard]] Status write_journal(const StateFiles& files, const lifecycle::JournalEntry& entry);

/// Forgets the journal once its step completed (removal made durable).
[[nodiscard]] Status clear_journal(const StateFiles& files);

/// The journal of an interrupted apply, if any; a failure when it cannot be read or is damaged.
[[nodiscard]] Expected<std::optional<lifecycle::JournalEntry>> read_journal(const StateFiles& files);

}  // namespace pmr::effects
