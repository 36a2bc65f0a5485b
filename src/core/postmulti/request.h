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

/// The directories `-e create|import` is given for the new instance; those left out are derived
/// from the primary's like postmulti (an import reads its queue and data directories from its
/// main.cf). Paths are absolute, without trailing slashes, never `/`.
struct NewDirectories {
    std::optional<std::string> config_directory;
    std::optional<std::string> queue_directory;  ///< create only
    std::optional<std::string> data_directory;   ///< create only
    /// postmulti's refusal of a `param=value` operand (`Malformed parameter setting 'x'`), which
    /// it reports after its checks of the new name; nullopt when there is none.
    std::optional<std::string> refusal;
};

/// A parsed and checked postmulti command line.
struct Request {
    Mode mode = Mode::none;
    Action action = Action::init;  ///< with Mode::edit
    instance::Selection selection;
    bool reverse = false;                  ///< -R
    int verbose = 0;                       ///< -v count
    std::optional<std::string> new_name;   ///< -I; `-` is stored as ""
    std::optional<std::string> new_group;  ///< -G; `-` is stored as ""
    std::vector<std::string> arguments;    ///< the command (-p, -x) or param=value (-e), as given
    NewDirectories new_directories;        ///< -e create, import: what the operands give
};

}  // namespace pmr::postmulti
