#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/lifecycle/simulated_host.h"
#include "core/maincf/parameter_defaults.h"
#include "core/manifest/manifest.h"
#include "core/plan/plan_json.h"
#include "core/support/diagnostic.h"
#include "effects/apply_journal.h"

namespace pmr::effects {

/// The live host in memory, for planning, with a fingerprint of what was read: everything a
/// plan for a manifest needs, read natively and read-only. That is the main.cf of the primary
/// and of every listed secondary, main.cf and master.cf in each config directory the manifest
/// names, the master.cf of each instance whose services it manages, the prototypes in
/// $meta_directory, whether each instance's master runs, and how many
/// messages each removal candidate's queue holds. It is taken in two parts, begin_snapshot()
/// and complete_snapshot(), so that the first can run while the manifest is parsed.
struct HostSnapshot {
    lifecycle::SimulatedHost host;
    /// The main.cf files read (primary, listed secondaries, and the config directories the
    /// manifest names) and the master.cf of each instance whose services the manifest manages,
    /// which record() covers.
    std::set<std::string> fingerprinted_paths;
    /// pmreconcile's own state files (lock, journal) for this primary.
    StateFiles state_files;
    /// The step an interrupted apply left unfinished, if any.
    std::optional<std::string> interrupted_step;
    /// The work an apply that stopped left owing (the journal's), for the planner to carry.
    std::vector<lifecycle::OwedWork> owed_work;

    /// The SHA-256 of every fingerprinted main.cf and master.cf as read, and the config directories
    /// of the instances whose master was running: what a saved plan records of the host, so that it
    /// can tell whether the host changed since, and what. Computed on request: hashing 1,000
    /// main.cf files costs more than planning them, and most plans are never saved.
    /// plan::fingerprint_of() of it is the plan's fingerprint.
    [[nodiscard]] plan::HostRecord record() const;
};

/// The part of a snapshot no manifest is needed for: the primary's main.cf, the journal, the
/// main.cf of every listed secondary and the prototypes, with the instances read from them, and
/// their master.cf (take_master_cf_files()).
/// It can run while the manifest is parsed. nullopt when the primary's main.cf cannot be read;
/// other problems are added to `problems` and the snapshot is still returned.
[[nodiscard]] std::optional<HostSnapshot> begin_snapshot(const std::string& config_directory,
                                                         const maincf::ParameterDefaults& defaults,
                                                         Diagnostics& problems);

/// Completes a snapshot of begin_snapshot() for `manifest`: the files of the config directories
/// it names, the checks of the directories it keeps, and the run-time facts. Returns false when
/// anything read so far (this snapshot's problems included) is an error.
[[nodiscard]] bool complete_snapshot(HostSnapshot& snapshot, const manifest::Manifest& manifest,
                                     const maincf::ParameterDefaults& defaults,
                                     Diagnostics& problems);

/// Reads, and parses, the master.cf of every instance of the snapshot that it does not hold yet,
/// for the planner and the mail-flow graph (not fingerprinted: the graph's checks are not the
/// plan's steps). One that cannot be read is a warning in `problems`; a missing one is left out.
void take_master_cf_files(HostSnapshot& snapshot, Diagnostics& problems);

}  // namespace pmr::effects
