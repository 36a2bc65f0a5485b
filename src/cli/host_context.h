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
    std::string config_directory;          ///< `-c DIR`, else Postfix's default config_directory
    std::string command_directory;         ///< where postfix(1) and postconf(1) live
    std::chrono::seconds lock_timeout{0};  ///< how long changes wait for another pmreconcile
    /// postconf -d's output when it was run for this command (the cache was not valid).
    std::optional<std::string> fresh_postconf_output{};
};

/// Loads the defaults (one `postconf -d`, or the built-in table without Postfix) and settles
/// the primary config directory.
[[nodiscard]] HostContext load_host_context(const std::optional<std::string>& config_directory);

/// Keeps a fresh postconf -d output for the next commands (see effects::DefaultsCache). Only
/// writers call it, under their run lock: read-only commands never write.
void keep_postconf_defaults(const HostContext& context);

}  // namespace pmr::cli
