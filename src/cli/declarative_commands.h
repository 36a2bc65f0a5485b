#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "cli/instance_commands.h"

namespace pmr::cli {

/// Registers validate, plan, apply, check and export on `app`.
void add_declarative_commands(CLI::App& app, const GlobalOptions& options,
                              std::function<int()>& run);

}  // namespace pmr::cli
