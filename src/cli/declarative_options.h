#pragma once

#include <functional>
#include <memory>
#include <string>

#include "cli/instance_commands.h"

namespace pmr::cli {

/// Everything the declarative subcommands parse into (one set for all: one subcommand runs).
struct DeclarativeOptions {
    std::string manifest_path;
    std::string plan_file;
    std::string out;
    std::string prometheus;
    bool json = false;
    bool detailed_exitcode = false;
    bool auto_approve = false;
    bool with_parameters = false;
    bool with_services = false;  ///< export: also the master.cf services that differ from stock
    bool strict = false;         ///< validate: unknown parameter names are errors
    /// graph: text, json, dot or svg
    std::string format = "text";
};

/// What a declarative subcommand does once the command line is parsed; returns the exit status.
using DeclarativeCommand = int (*)(const GlobalOptions&, const DeclarativeOptions&);

/// Where a declarative subcommand puts its options, and what choosing it sets.
struct DeclarativeBinding {
    std::function<int()>& run;  ///< set to the chosen subcommand's action
    const GlobalOptions& global;
    std::shared_ptr<DeclarativeOptions> options;

    /// The subcommand's CLI11 callback: it makes `command`, with the options as parsed, the
    /// action `run` runs.
    [[nodiscard]] std::function<void()> to(DeclarativeCommand command) const;
};

}  // namespace pmr::cli
