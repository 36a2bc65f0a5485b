#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/instance/host_state.h"
#include "core/instance/listing.h"
#include "core/postmulti/request.h"

namespace pmr::postmulti {

/// One program to run for one instance in iterator mode.
struct InstanceRun {
    const instance::Instance* instance = nullptr;
    std::vector<std::string> argv;
    /// Variables to set on top of the inherited environment.
    std::vector<std::pair<std::string, std::string>> environment;
    /// Put `$command_directory:` in front of PATH (-x mode), as postmulti does.
    bool prepend_command_directory = false;
};

/// What iterator mode will do, or the fatal message that stops it.
struct IterationPlan {
    std::vector<InstanceRun> runs;
    std::optional<std::string> fatal;  ///< e.g. `No matching instances`
};

/// The `-l` output for the selected instances (no selection means all), in order (-R reverses).
[[nodiscard]] std::string plan_listing(const instance::HostState& state, const Request& request);

/// The runs of `-p` or `-x` with postmulti's rules: no selection means all; `-p` runs
/// `$command_directory/postfix -- ARGS` with MAIL_CONFIG set; start-class commands run `check`
/// instead for disabled instances; stop-class commands skip disabled instances and go in reverse
/// order; control-class commands skip disabled instances; `-x` runs ARGS with the instance's
/// parameters exported. Nothing selected is `No matching instances`.
[[nodiscard]] IterationPlan plan_iteration(const instance::HostState& state,
                                           const Request& request);

}  // namespace pmr::postmulti
