#include "cli/apply_session.h"

namespace pmr::cli {

ApplySession::ApplySession(const HostContext& context, std::string command_directory)
    : state_files_(effects::state_files_for(context.config_directory)),
      queue_trees_(context.defaults),
      executor_(runner_, queue_trees_, std::move(command_directory) + "/postfix",
                context.lock_timeout) {}

}  // namespace pmr::cli
