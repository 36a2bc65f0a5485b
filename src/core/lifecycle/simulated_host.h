#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>

#include "core/instance/host_state.h"
#include "core/lifecycle/host_view.h"
#include "core/lifecycle/operation.h"
#include "core/maincf/main_cf.h"
#include "core/maincf/parameter_defaults.h"
#include "core/mastercf/master_cf.h"
#include "core/support/diagnostic.h"
#include "core/support/expected.h"

namespace pmr::lifecycle {

/// What is known about an instance at run time, beyond its files.
struct RuntimeFacts {
    bool running = false;
    std::size_t queued_messages = 0;
};

/// A host held in memory: file contents, directories, and run-time facts, on which operations
/// can be applied exactly as the executor applies them on disk. Planners use it to see the state
/// each step leaves behind; tests use it as a fake host.
class SimulatedHost final : public HostView {
  public:
    /// `primary_config_directory` locates the primary's main.cf among `files`.
    SimulatedHost(std::string primary_config_directory, const maincf::ParameterDefaults& defaults);

    /// Where the primary's main.cf is.
    [[nodiscard]] const std::string& primary_config_directory() const {
        return primary_config_directory_;
    }
    /// Adds or replaces a file.
    void put_file(const std::string& path, std::string content);
    /// Adds or replaces the master.cf at `path` with the text `parsed` was read from (shared, not
    /// copied), keeping the parse for master_cf().
    void put_master_cf(const std::string& path, const mastercf::MasterCf& parsed);
    /// Records run-time facts for the instance in `config_directory`.
    void set_facts(const std::string& config_directory, RuntimeFacts facts);

    [[nodiscard]] bool is_regular_file(const std::string& path) const override;
    [[nodiscard]] std::optional<std::string> read_file(const std::string& path) const override;
    [[nodiscard]] std::optional<SharedText> read_shared(const std::string& path) const override;
    /// The parsed main.cf at `path`, or nullptr when there is none.
    [[nodiscard]] const maincf::MainCf* main_cf(const std::string& path) const;
    /// The parsed master.cf at `path` (any file, parsed as a master.cf), or nullptr when there is
    /// none. The one way the planner and the mail flow read a master.cf: each file is parsed once
    /// per change, and a file whose text equals the last one parsed of its length (copies of one
    /// prototype) shares that parse, with diagnostics naming `path` (MasterCf::read_as()).
    [[nodiscard]] const mastercf::MasterCf* master_cf(const std::string& path) const;
    [[nodiscard]] RuntimeFacts facts(const std::string& config_directory) const;
    [[nodiscard]] bool has_directory(const std::string& path) const;
    /// Every file by path. Contents are shared between copies of the host (a planner works on a
    /// copy of a 1,000-instance snapshot) and replaced, never changed, in place.
    using FileMap = std::map<std::string, std::shared_ptr<const std::string>>;
    [[nodiscard]] const FileMap& file_map() const { return files_; }
    /// The content of the file at `path`, or nullptr when there is none.
    [[nodiscard]] const std::string* file(const std::string& path) const;
    /// A copy of every file's content by path, for comparisons.
    [[nodiscard]] std::map<std::string, std::string> files() const;

    /// The host's instances as postmulti would read them now.
    [[nodiscard]] std::optional<instance::HostState> state(Diagnostics& problems) const;
    /// The same, shared: built once per change of the files, so that a planner asking after
    /// every instance of a 1,000-instance host does not rebuild it 1,000 times. nullptr when it
    /// cannot be read (`problems` then says why, as often as it is asked).
    [[nodiscard]] std::shared_ptr<const instance::HostState> shared_state(
        Diagnostics& problems) const;

    /// The record of the secondary in `config_directory` as state() reads it from its main.cf
    /// (nullopt with `problems` saying why), without reading the other instances.
    [[nodiscard]] std::optional<instance::Instance> secondary(const std::string& config_directory,
                                                              Diagnostics& problems) const {
        return secondary_record(config_directory, problems);
    }

    /// Applies one operation; fails like the real executor would (e.g. a running instance for
    /// RequireStopped, a missing main.cf for EditMainCf).
    [[nodiscard]] Status apply(const Operation& operation);

  private:
    /// What EditMasterCf changes: the master.cf, edited as postconf -M/-F/-P would.
    [[nodiscard]] Status edit_master_cf(const EditMasterCf& op);
    /// What RunPostfix changes: the instance's running fact.
    [[nodiscard]] Status run_postfix(const RunPostfix& op);
    /// Reads the host's instances from the files (shared_state() keeps the result).
    [[nodiscard]] std::optional<instance::HostState> build_state(Diagnostics& problems) const;
    /// The record of the secondary in `config_directory`, read from its main.cf once per
    /// change of that file, with what reading it reported.
    [[nodiscard]] std::optional<instance::Instance> secondary_record(
        const std::string& config_directory, Diagnostics& problems) const;
    /// Drops what was derived from the file at `path`, which is about to change or go.
    void forget_derived(const std::string& path);
    /// Drops the parse of the master.cf at `path`, and the parse kept for its text's length when
    /// it was that one (so that an edited master.cf's old parse is not kept).
    void forget_master_cf(const std::string& path);
    /// `text` parsed as the master.cf at `path`: the parse kept for its length read as `path`
    /// when its text is equal, else a new parse, then kept for its length.
    [[nodiscard]] mastercf::MasterCf parse_master_cf(const SharedText& text,
                                                     const std::string& path) const;

    std::string primary_config_directory_;
    const maincf::ParameterDefaults* defaults_;  // pointer: snapshots are assignable
    FileMap files_;
    std::map<std::string, maincf::MainCf> parsed_;  // cache of main.cf files, by path
    /// Cache of master.cf files, by path (master_cf()).
    mutable std::map<std::string, mastercf::MasterCf> parsed_master_cfs_;
    /// The last parse of each text length, for files with equal text. By length, not by a hash
    /// of the text: hashing every master.cf of a 1,000-instance plan cost an eighth of parsing
    /// them, and comparing with one candidate stops at the first difference.
    mutable std::unordered_map<std::size_t, mastercf::MasterCf> master_cfs_by_length_;
    std::set<std::string> directories_;
    std::map<std::string, RuntimeFacts> facts_;  // by config directory

    /// shared_state()'s result for the current files; reset whenever a file changes.
    struct StateCache {
        std::shared_ptr<const instance::HostState> state;
        Diagnostics problems;
    };
    mutable std::optional<StateCache> state_cache_;

    /// A secondary's record as its main.cf gave it. Kept across changes of other files: a step
    /// edits one or two main.cf files of 1,000, and the state after it is read again.
    struct SecondaryRecord {
        std::optional<instance::Instance> instance;
        Diagnostics problems;
    };
    /// By config directory; shared so that copying the host copies no records.
    mutable std::map<std::string, std::shared_ptr<const SecondaryRecord>, std::less<>> records_;
};

}  // namespace pmr::lifecycle
