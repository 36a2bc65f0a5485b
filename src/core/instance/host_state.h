#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/instance/claims.h"
#include "core/instance/instance.h"
#include "core/maincf/main_cf.h"
#include "core/maincf/parameter_defaults.h"
#include "core/support/diagnostic.h"

namespace pmr::instance {

/// The directories every instance shares with the primary (postmulti's shared_dir_table).
struct SharedDirectories {
    std::string command_directory;
    std::string daemon_directory;
    std::string meta_directory;
    std::string shlib_directory;
};

/// The main.cf files of a host: the primary's, and each secondary's keyed by config directory.
/// A secondary whose main.cf could not be read maps to nullopt with the reason in `read_errors`.
struct HostFiles {
    maincf::MainCf primary;
    std::map<std::string, maincf::MainCf, std::less<>> secondaries;
    std::map<std::string, std::string, std::less<>> read_errors;  ///< config dir -> reason
    /// Secondaries whose master.cf cannot be opened: config dir -> `open DIR/master.cf: REASON`.
    std::map<std::string, std::string, std::less<>> master_cf_errors{};
};

/// Every instance of a host, in postmulti's order: the primary, then multi_instance_directories.
struct HostState {
    std::vector<Instance> instances;  ///< instances[0] is the primary
    SharedDirectories shared;
    std::string multi_instance_wrapper;  ///< expanded
    std::string multi_instance_enable;   ///< expanded, as written (`yes`, `no`, ...)
    std::vector<std::string> alternate_config_directories;
    std::vector<std::string> start_commands;    ///< postmulti_start_commands
    std::vector<std::string> stop_commands;     ///< postmulti_stop_commands
    std::vector<std::string> control_commands;  ///< postmulti_control_commands
    ClaimRegistry claims;  ///< every name and directory claimed by the instances above
    /// Whether the primary's main.cf writes multi_instance_directories (unexpanded, as
    /// MainCf::get() gives it; unset counts as "") as the secondaries' config directories
    /// separated by single spaces: then postmulti's list with one more directory at its end is
    /// that value with the directory appended (maincf::EditKind::append_to_list).
    bool directories_listed_plainly = false;

    [[nodiscard]] const Instance& primary() const { return instances.front(); }
    /// The instance whose config directory is `config_directory`, or nullptr.
    [[nodiscard]] const Instance* find_by_config_directory(std::string_view config_directory) const;
    /// The secondaries' config directories, in order.
    [[nodiscard]] std::vector<std::string> secondary_directories() const;
};

/// Splits a Postfix list on commas and white space (CHARS_COMMA_SP), dropping empty elements.
[[nodiscard]] std::vector<std::string> split_list(std::string_view value);

/// Reads one secondary's record from its main.cf as postmulti's load_instance() does (via
/// `postconf -c DIR -x`, so `$config_directory` is DIR unless main.cf sets it): `main_cf` is
/// nullptr when the file could not be read, with `read_error` saying why. Failures are reported in
/// postmulti's words (`Failed to obtain all required DIR/main.cf parameters`, `Unexpected
/// DIR/main.cf entry: multi_instance_enable = VALUE`).
[[nodiscard]] std::optional<Instance> read_instance(const std::string& config_directory,
                                                    const maincf::MainCf* main_cf,
                                                    std::string_view read_error,
                                                    const maincf::ParameterDefaults& defaults,
                                                    Diagnostics& problems);

/// Builds the host's state from its main.cf files with postmulti's rules: a secondary is read
/// from its own main.cf expanded over `defaults`; a missing or broken secondary main.cf, a
/// multi_instance_enable that is neither yes nor no, and two instances claiming the same name or
/// directory are errors, worded like postmulti's. With no secondaries the primary is enabled.
/// `primary_config_directory` is where the primary's main.cf was read from. A secondary whose
/// master.cf cannot be opened adds a warning (the one the `postconf -c DIR` that postmulti runs
/// to read each secondary prints), in instance order, also when the state is built.
[[nodiscard]] std::optional<HostState> build_host_state(const HostFiles& files,
                                                        std::string_view primary_config_directory,
                                                        const maincf::ParameterDefaults& defaults,
                                                        Diagnostics& problems);

/// One secondary's files, as a SecondaryReader gives them.
struct SecondaryFiles {
    std::optional<maincf::MainCf> main_cf;       ///< nullopt when it could not be read
    std::string read_error;                      ///< why not, then
    std::optional<std::string> master_cf_error;  ///< `open DIR/master.cf: REASON`, if any
};

/// Reads the secondary in a config directory when build_host_state() comes to it.
using SecondaryReader = std::function<SecondaryFiles(const std::string& config_directory)>;

/// build_host_state(), reading each secondary through `read_secondary` as it comes to it, so
/// that a caller can let each main.cf go once its record is read: listing 1,000 instances then
/// never holds their 28 MB of main.cf at once (fresh memory is costly on small machines).
[[nodiscard]] std::optional<HostState> build_host_state(const maincf::MainCf& primary,
                                                        const SecondaryReader& read_secondary,
                                                        std::string_view primary_config_directory,
                                                        const maincf::ParameterDefaults& defaults,
                                                        Diagnostics& problems);

/// One secondary's record from its files, as build_host_state() reads it: read_instance(), after
/// the warning postconf prints when master.cf cannot be opened.
[[nodiscard]] std::optional<Instance> load_secondary(const std::string& config_directory,
                                                     const SecondaryFiles& files,
                                                     const maincf::ParameterDefaults& defaults,
                                                     Diagnostics& problems);

/// Gives the record of the secondary in a config directory (as load_secondary() would), or
/// nullopt with `problems` saying why.
using SecondaryLoader = std::function<std::optional<Instance>(const std::string& config_directory,
                                                              Diagnostics& problems)>;

/// build_host_state() over records rather than files, so that a caller who keeps the records of
/// main.cf files that did not change (a planner's simulated host, after each step) does not
/// read 1,000 of them again for one edit.
[[nodiscard]] std::optional<HostState> build_host_state_from_records(
    const maincf::MainCf& primary, const SecondaryLoader& load_secondary,
    std::string_view primary_config_directory, const maincf::ParameterDefaults& defaults,
    Diagnostics& problems);

/// Appends `secondary` to `state` as build_host_state() would find it after the primary's
/// multi_instance_directories gained its directory at the end: its claims are registered, and
/// the primary is no longer enabled by single-instance mode. A planner that adds instances one
/// by one keeps its state so, instead of reading 1,000 records again for each. False after
/// reporting a conflict; `state` is then of no use.
[[nodiscard]] bool append_secondary(HostState& state, Instance secondary, Diagnostics& problems);

/// The state `postmulti -e init` works with: the primary alone, built as build_host_state()
/// builds it, but the secondaries its multi_instance_directories lists are not read (postmulti's
/// init never loads them), so a missing or broken secondary cannot stop init. The primary's
/// `enabled` still follows whether that list is empty.
[[nodiscard]] std::optional<HostState> build_primary_state(
    const maincf::MainCf& primary, std::string_view primary_config_directory,
    const maincf::ParameterDefaults& defaults, Diagnostics& problems);

}  // namespace pmr::instance
