#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/instance/host_state.h"
#include "core/lifecycle/host_view.h"
#include "core/lifecycle/operation.h"
#include "core/maincf/main_cf.h"
#include "core/maincf/parameter_defaults.h"
#include "core/postmulti/request.h"

namespace pmr::postmulti {

/// Which program a message comes from: postmulti itself, the postmulti-script helper it
/// executes for life-cycle actions, or the postfix(1) command that script runs.
enum class MessageSource { postmulti, script, postfix };

/// A refusal, in Postfix's exact words.
struct Fatal {
    MessageSource source = MessageSource::postmulti;
    std::string message;
    /// What to do about it, for pmreconcile's own front end (`run 'pmreconcile disable
    /// postfix-out' first`); postmulti mode prints only `message`, as postmulti does. May be "".
    std::string remedy{};
};

/// What a life-cycle action (`-e ACTION`) will do: the operations to run in order, or the reason
/// it is refused. An empty operation list with no fatal means there is nothing to do (e.g.
/// `assign` with no change).
struct EditPlan {
    std::vector<lifecycle::Operation> operations;
    std::optional<Fatal> fatal;
    std::string target_config_directory;  ///< the instance acted on
    /// What the postconf that postmulti runs to read an imported instance prints (`warning`: no
    /// master.cf; `error`: postconf's fatal, e.g. no main.cf), before the fatal or the operations.
    Diagnostics postconf_messages{};
};

/// What every new instance's main.cf starts from: the prototype with the parameters the primary
/// does not set commented out, parsed. The same for each instance a plan adds, so a planner that
/// adds many keeps it (making it cost as much as the rest of a create together).
struct PrototypeCache {
    std::string path;
    SharedText prototype;
    std::vector<maincf::Edit> comment_out;
    std::optional<maincf::MainCf> commented;  ///< nullopt until the first create
    std::string master_path;                  ///< the master.cf prototype's path
    SharedText master;                        ///< and its text, which every create installs
};

/// Everything the planner reads: the host's state and primary main.cf, Postfix's defaults, and
/// a view of the files (prototypes, an imported instance's main.cf). `prototypes`, when given,
/// is used and updated: plans are the same with it or without.
struct EditContext {
    const instance::HostState& state;
    const maincf::MainCf& primary_main_cf;
    const maincf::ParameterDefaults& defaults;
    const lifecycle::HostView& host;
    PrototypeCache* prototypes = nullptr;
};

/// Plans `-e ACTION` exactly as postmulti(1) and postmulti-script do it in Postfix 3.7: the same
/// checks in the same order with the same messages, the same placement of a new instance in
/// multi_instance_directories, the same files written, and the same main.cf edits. The request
/// must have Mode::edit and have passed parse_command_line()'s checks.
[[nodiscard]] EditPlan plan_edit(const EditContext& context, const Request& request);

}  // namespace pmr::postmulti
