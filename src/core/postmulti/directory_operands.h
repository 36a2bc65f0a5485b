#pragma once

#include <string>
#include <vector>

#include "core/postmulti/request.h"

namespace pmr::postmulti {

/// The `param=value` operands of `-e create|import` (`config_directory=/etc/postfix-out`) as the
/// request's typed fields, checked as postmulti.c's assign_new_parameter() checks them: each is
/// config_directory (and, for create, queue_directory or data_directory), an absolute path, not
/// `/`, its trailing slashes dropped. The first refused operand leaves its refusal, in postmulti's
/// words, for the planning of the action to report where postmulti does; what follows it is not
/// read. This is the one place where operand text becomes directories.
[[nodiscard]] NewDirectories read_directory_operands(Action action,
                                                     const std::vector<std::string>& operands);

}  // namespace pmr::postmulti
