#pragma once

// Building blocks shared by the planners of postmulti's life-cycle actions. Each mirrors one
// piece of postmulti.c or postmulti-script and keeps its messages.

#include <optional>
#include <string>
#include <vector>

#include "core/lifecycle/operation.h"
#include "core/postmulti/edit_planner.h"

namespace pmr::postmulti::steps {

[[nodiscard]] inline Fatal postmulti_fatal(std::string message) {
    return {MessageSource::postmulti, std::move(message)};
}
[[nodiscard]] inline Fatal script_fatal(std::string message) {
    return {MessageSource::script, std::move(message)};
}
[[nodiscard]] inline maincf::Edit set(std::string name, std::string value) {
    return maincf::Edit{maincf::EditKind::set, std::move(name), std::move(value)};
}
/// A plan that only refuses.
[[nodiscard]] inline EditPlan refused(Fatal fatal) { return EditPlan{{}, std::move(fatal), {}}; }

/// check_name_assignments(): the syntax of `-I` and `-G` values.
[[nodiscard]] std::optional<Fatal> check_name_assignments(const Request& request);

/// postmulti-script's check that `postmulti -e init` has been run.
[[nodiscard]] std::optional<Fatal> check_initialised(const instance::HostState& state);

/// assign_names: the name and group edits, only for values that change.
[[nodiscard]] std::vector<maincf::Edit> name_assignments(const Request& request,
                                                         const std::string& current_name,
                                                         const std::string& current_group);

/// update_cfdirs(): the primary's new multi_instance_directories, and `directory` added to
/// (`add`, for deport) or dropped from alternate_config_directories.
[[nodiscard]] lifecycle::Operation update_config_directories(
    const EditContext& context, const std::vector<std::string>& secondaries,
    const std::string& directory, bool add);

/// create and import.
[[nodiscard]] EditPlan plan_add(const EditContext& context, const Request& request);

}  // namespace pmr::postmulti::steps
