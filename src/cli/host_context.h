#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "core/maincf/parameter_defaults.h"

namespace pmr::cli {

/// What every command needs before it reads the host: Postfix's compile-time defaults and the
/// primary instance's config directory.
struct HostContext {
    maincf::ParameterDefaults defaults;
    std::string config_directory;  ///< `-c DIR`, else Postfix's default config_directory
    std::string command_directory;  ///< where postfix(1) and postconf(1) live
    std::chrono::seconds lock_timeout{0};  ///< how long changes wait for another pmreconcile
};

/// Loads the defaults (one `postconf -d`, or the built-in table without Postfix) and settles
/// the primary config directory.
[[nodiscard]] HostContext load_host_context(const std::optional<std::string>& config_directory);

}  // namespace pmr::cli
