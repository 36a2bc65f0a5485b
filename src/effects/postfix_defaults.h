#pragma once

#include <optional>
#include <string>

#include "core/maincf/parameter_defaults.h"
#include "effects/defaults_cache.h"
#include "effects/process_runner.h"

namespace pmr::effects {

/// Postfix's defaults, and where they came from.
struct LoadedDefaults {
    maincf::ParameterDefaults defaults;
    /// postconf -d's output when it was run now: a writer stores it in the cache.
    std::optional<std::string> fresh_output;
};

/// Postfix's compile-time defaults from `cache` when it is valid, else from one `postconf -d`
/// call, else the built-in table when Postfix is not installed or postconf fails (a debug message
/// says which was used).
[[nodiscard]] LoadedDefaults load_parameter_defaults(ProcessRunner& runner,
                                                     const std::string& postconf,
                                                     const DefaultsCache* cache);

}  // namespace pmr::effects
