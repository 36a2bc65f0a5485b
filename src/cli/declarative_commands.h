#pragma once

#include <CLI/CLI.hpp>
#include <functional>

#include "cli/declarative_options.h"
#include "cli/instance_commands.h"

namespace pmr::cli {

/// Registers validate, plan, apply, check, export and graph on `app`.
void add_declarative_commands(CLI::App& app, const GlobalOptions& options,
                              std::function<int()>& run);

// One subcommand each, in a file of its own (validate_command.cc, ...): each registers its
// options in `binding.options` and its action with `binding.to`.

/// `validate -f MANIFEST [--strict]`.
void add_validate_command(CLI::App& app, const DeclarativeBinding& binding);
/// `plan -f MANIFEST [--json] [--out PLANFILE] [--detailed-exitcode]`.
void add_plan_command(CLI::App& app, const DeclarativeBinding& binding);
/// `apply -f MANIFEST [--auto-approve]` or `apply PLANFILE`.
void add_apply_command(CLI::App& app, const DeclarativeBinding& binding);
/// `check -f MANIFEST [--json] [--prometheus FILE]`.
void add_check_command(CLI::App& app, const DeclarativeBinding& binding);
/// `export [-o FILE] [--with-parameters]`.
void add_export_command(CLI::App& app, const DeclarativeBinding& binding);
/// `graph [-f MANIFEST] [--format text|json|dot|svg]`.
void add_graph_command(CLI::App& app, const DeclarativeBinding& binding);

}  // namespace pmr::cli
