#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "core/support/expected.h"

namespace pmr::cli {

/// Whether `arg` is a global option that takes the next argument as its value.
[[nodiscard]] bool global_option_takes_value(std::string_view arg);

/// Fails when the first word of the command line (after the global options) names no
/// subcommand of `app`, with the error to give: `unknown subcommand 'plna'; did you mean 'plan'?`.
[[nodiscard]] Status check_subcommand(int argc, char** argv, const CLI::App& app);

/// Reports a usage error as every other error is reported, on stderr as
/// `pmreconcile: error: MESSAGE` with a line saying where the usage is, and returns 1 (README:
/// 0, 1 or 2 only). `--help` and `--version` print what they print and return 0. `args` is the
/// command line after the program name: an unknown option in it is named before a missing one.
[[nodiscard]] int report_usage_error(const CLI::App& app, const CLI::ParseError& error,
                                     const std::vector<std::string>& args);

/// report_usage_error() for a message of pmreconcile's own; `subcommand` may be empty.
[[nodiscard]] int report_usage_error(const std::string& subcommand, const std::string& message);

}  // namespace pmr::cli
