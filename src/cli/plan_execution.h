#pragma once

#include "cli/host_context.h"
#include "core/plan/plan.h"

namespace pmr::cli {

/// Carries out a plan's steps in order with a progress line each. On a failure it stops and
/// says which steps completed and which did not. Refused steps are reported at the end and
/// make the result an error. Returns the exit status.
[[nodiscard]] int execute_plan(const plan::Plan& plan, const HostContext& context,
                               const std::string& command_directory, bool color);

}  // namespace pmr::cli
