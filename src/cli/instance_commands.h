#pragma once

#include <CLI/CLI.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

namespace pmr::cli {

/// Options every subcommand shares.
struct GlobalOptions {
    std::optional<std::string> config_directory;  ///< -c DIR
    bool no_color = false;
    std::chrono::seconds lock_timeout{0};  ///< --lock-timeout: how long to wait for another run
};

/// Registers the readable instance subcommands (list, init, create, import, destroy, deport,
/// enable, disable, assign, exec, postfix) on `app`. Each sets `run` to its action when chosen.
void add_instance_commands(CLI::App& app, const GlobalOptions& options, std::function<int()>& run);

}  // namespace pmr::cli
