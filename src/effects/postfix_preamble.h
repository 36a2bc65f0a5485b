#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/maincf/parameter_defaults.h"

namespace pmr::effects {

/// What `postfix -c CONFIG_DIRECTORY COMMAND` prints and checks before it runs COMMAND.
struct PostfixPreamble {
    std::vector<std::string> notices;  ///< msg_info lines, without the `postfix: ` prefix
    /// Why postfix stops before COMMAND (msg_fatal, without `postfix: fatal: `), or nullopt.
    std::optional<std::string> fatal;
};

/// The start of postfix(1) (postfix.c) for an instance, natively, for the places where
/// postmulti-script runs `postfix -c DIR ...` and pmreconcile does the work itself (set-permissions
/// after create and import, destroy's rmdir loops): read DIR/main.cf, the backwards-compatibility
/// notices of its compatibility_level (see maincf::compatibility_notices), then enter
/// command_directory, daemon_directory and queue_directory in that order
/// (`chdir(/var/spool/postfix-x): No such file or directory`). Nothing is changed.
[[nodiscard]] PostfixPreamble postfix_preamble(const std::string& config_directory,
                                               const maincf::ParameterDefaults& defaults);

}  // namespace pmr::effects
