#pragma once

#include <string>

#include "core/maincf/parameter_defaults.h"
#include "effects/process_runner.h"

namespace pmr::effects {

/// Postfix's compile-time defaults from one `postconf -d` call, or the built-in table when
/// Postfix is not installed or postconf fails (a debug message says which was used).
[[nodiscard]] maincf::ParameterDefaults load_parameter_defaults(
    ProcessRunner& runner, const std::string& postconf = "/usr/sbin/postconf");

}  // namespace pmr::effects
