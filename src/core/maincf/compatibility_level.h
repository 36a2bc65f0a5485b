#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/support/expected.h"

namespace pmr::maincf {

/// Postfix's compat_level_from_string(): `major[.minor[.patch]]` (missing parts are zero; each
/// number as strtol reads it, so leading white space and a sign are taken) as one number that
/// compares like the level (`3.10` > `3.9`). nullopt when malformed or out of range (minor and
/// patch at most 1023).
[[nodiscard]] std::optional<long> parse_compatibility_level(std::string_view text);

/// What `postfix` prints (msg_info) before any command when the expanded compatibility_level is
/// below Postfix 3.7's LAST_COMPAT_LEVEL, 3.6: three lines, without the `postfix: ` prefix; none
/// at 3.6 or above. A malformed level fails with Postfix's fatal message
/// (`malformed compatibility level syntax: "x"`).
[[nodiscard]] Expected<std::vector<std::string>> compatibility_notices(std::string_view level);

}  // namespace pmr::maincf
