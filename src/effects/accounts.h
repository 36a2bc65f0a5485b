#pragma once

#include <sys/types.h>

#include <string>

#include "core/support/expected.h"

namespace pmr::effects {

/// The user id of `name` (getpwnam_r), like chown(1): a name that is no user but all digits is
/// taken as a number. Otherwise a failure `unknown user NAME`.
[[nodiscard]] Expected<uid_t> user_id(const std::string& name);

/// The group id of `name` (getgrnam_r), with the same numeric fallback; `unknown group NAME`.
[[nodiscard]] Expected<gid_t> group_id(const std::string& name);

}  // namespace pmr::effects
