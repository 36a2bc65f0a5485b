#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/instance/selection.h"

namespace pmr::postmulti {

/// postmulti's modes: -l, -p, -x, -e.
enum class Mode { none, list, postfix, exec, edit };

/// The life-cycle actions of `-e ACTION`.
enum class Action { create, import, destroy, deport, enable, disable, assign, init };

/// The lowercase word of an action (`create`, ...).
[[nodiscard]] std::string_view action_name(Action action);
/// The action named `word` (exact case), or nullopt.
[[nodiscard]] std::optional<Action> action_from_name(std::string_view word);

/// A parsed and checked postmulti command line.
struct Request {
    Mode mode = Mode::none;
    Action action = Action::init;  ///< with Mode::edit
    instance::Selection selection;
    bool reverse = false;                  ///< -R
    int verbose = 0;                       ///< -v count
    std::optional<std::string> new_name;   ///< -I; `-` is stored as ""
    std::optional<std::string> new_group;  ///< -G; `-` is stored as ""
    std::vector<std::string> arguments;    ///< the command (-p, -x) or param=value (-e)
};

}  // namespace pmr::postmulti
