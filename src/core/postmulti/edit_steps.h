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
[[nodiscard]] inline EditPlan refused(Fatal fatal) {
    return EditPlan{{}, std::move(fatal), {}};
}

/// check_name_assignments(): the syntax of `-I` and `-G` values.
[[nodiscard]] std::optional<Fatal> check_name_assignments(const Request& request);

/// postmulti-script's check that `postmulti -e init` has been run.
[[nodiscard]] std::optional<Fatal> check_initialised(const instance::HostState& state);

/// assign_names: the name and group edits, only for values that change.
[[nodiscard]] std::vector<maincf::Edit> name_assignments(const Request& request,
                                                         const std::string& current_name,
                                                         const std::string& current_group);

/// What update_config_directories() does with an instance's directory in
/// alternate_config_directories.
enum class Alternate { drop, add };

/// update_cfdirs(): `directories`, the primary's edit of multi_instance_directories (see
/// directories_edit()), and `directory` added to (Alternate::add, for deport) or dropped from
/// alternate_config_directories.
[[nodiscard]] lifecycle::Operation update_config_directories(const EditContext& context,
                                                             maincf::Edit directories,
                                                             const std::string& directory,
                                                             Alternate alternate);

/// The secondaries' config directories of `state` separated by single spaces, with `inserted`
/// (when not empty) placed before the secondary at `position` (at the end when there is none)
/// and the instance `dropped` (when not null; a directory listed twice is two instances, of
/// which only this one goes) left out. One string: a host of 1,000 instances is planned with
/// one such list per step.
[[nodiscard]] std::string secondaries_list(const instance::HostState& state,
                                           std::string_view inserted, std::size_t position,
                                           const instance::Instance* dropped);

/// The edit that makes multi_instance_directories list the secondaries of `state` with
/// `inserted` placed as secondaries_list() places it: an append of `inserted` when it goes at
/// the end of a list written plainly (HostState::directories_listed_plainly), which writes the
/// same bytes without building the whole list for each of 1,000 new instances; else a set of
/// the whole list.
[[nodiscard]] maincf::Edit directories_edit(const instance::HostState& state,
                                            const std::string& inserted, std::size_t position);

/// create and import.
[[nodiscard]] EditPlan plan_add(const EditContext& context, const Request& request);

}  // namespace pmr::postmulti::steps
