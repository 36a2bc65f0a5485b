#pragma once

#include "core/postmulti/iteration.h"
#include "core/support/expected.h"

namespace pmr::effects {

/// Runs one iterator-mode command for one instance, as postmulti's run_user_command() does:
/// our environment (MAIL_VERBOSE added with `verbose`) plus the run's variables (and
/// `$command_directory:` in front of PATH when asked), started with execvp(3) in the child, so
/// through that PATH. Returns the exit status, 1 for a signal; a program that cannot be started
/// fails with postmulti's `execvp NAME: REASON`.
[[nodiscard]] Expected<int> run_instance_command(const postmulti::InstanceRun& run,
                                                 const std::string& command_directory,
                                                 bool verbose);

}  // namespace pmr::effects
