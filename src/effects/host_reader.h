#pragma once

#include <optional>
#include <string>

#include "core/instance/host_state.h"
#include "core/maincf/parameter_defaults.h"
#include "core/support/diagnostic.h"

namespace pmr::effects {

/// The host as read from disk: its files, the state built from them, and the defaults used.
struct LoadedHost {
    instance::HostFiles files;
    instance::HostState state;
};

/// Reads the primary main.cf in `config_directory` and every secondary main.cf it lists, then
/// builds the host state (see instance::build_host_state). Reading is native: no postconf
/// forks. Symbolic links are not followed. Every problem is appended to `problems`, warnings
/// (a secondary's master.cf that cannot be opened) also when the host is read.
[[nodiscard]] std::optional<LoadedHost> read_host(const std::string& config_directory,
                                                  const maincf::ParameterDefaults& defaults,
                                                  Diagnostics& problems);

/// read_host()'s state alone, each secondary's main.cf let go once its record is read: what
/// `list`, `-l`, `-p`, `-x` and the life-cycle actions need, without holding every file at once.
[[nodiscard]] std::optional<instance::HostState> read_host_state(
    const std::string& config_directory, const maincf::ParameterDefaults& defaults,
    Diagnostics& problems);

/// Reads one main.cf; nullopt (with the reason in `problems`) when it cannot be read.
[[nodiscard]] std::optional<maincf::MainCf> read_main_cf(const std::string& path,
                                                         Diagnostics& problems);

}  // namespace pmr::effects
