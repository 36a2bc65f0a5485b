#include "cli/application.h"

#include <CLI/CLI.hpp>
#include <cstdlib>
#include <exception>
#include <functional>
#include <iostream>
#include <optional>
#include <string_view>

#include "cli/declarative_commands.h"
#include "cli/error_log.h"
#include "cli/error_report.h"
#include "cli/instance_commands.h"
#include "cli/logging.h"
#include "cli/postmulti_frontend.h"
#include "cli/usage_errors.h"
#include "cli/version.h"
#include "core/support/exit_code.h"
#include "effects/change_log.h"

namespace pmr::cli {

namespace {

std::string_view basename(std::string_view path) {
    const auto slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

/// `--lock-timeout SECONDS`: a whole number, 0 or more, said plainly otherwise.
std::string check_lock_timeout(std::string& value) {
    std::size_t used = 0;
    long seconds = -1;
    try {
        seconds = std::stol(value, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used != value.size() || seconds < 0) {
        return "a whole number of seconds, 0 or more, is expected, not '" + value + "'";
    }
    return {};
}

/// `pmreconcile [GLOBAL OPTIONS] postmulti ARGS...`: postmulti's arguments must reach it exactly
/// as given (`-p -- start` from Postfix's multi_instance_wrapper included), so they bypass the
/// CLI parser. Returns nullopt when the command line is not of that form.
std::optional<int> run_postmulti_subcommand(int argc, char** argv) {
    PostmultiInvocation invocation;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "postmulti") {
            configure_logging(0);
            return run_postmulti(std::vector<std::string>(argv + i + 1, argv + argc), invocation);
        }
        if ((arg == "-c" || arg == "--config-directory") && i + 1 < argc) {
            invocation.config_directory = argv[++i];
        } else if (arg.starts_with("--config-directory=")) {
            invocation.config_directory = std::string(arg.substr(19));
        } else if (arg == "--lock-timeout" && i + 1 < argc) {
            std::string value = argv[++i];
            if (!check_lock_timeout(value).empty())
                return std::nullopt;  // the parser says why
            invocation.lock_timeout = std::chrono::seconds(std::stol(value));
        } else if (arg != "-v" && arg != "-q" && arg != "--no-color") {
            return std::nullopt;
        }
    }
    return std::nullopt;
}

/// The options every subcommand takes, before or after its name.
struct GlobalFlags {
    GlobalOptions options;
    int verbosity = 0;
    bool quiet = false;
};

void add_global_options(CLI::App& app, GlobalFlags& flags) {
    // Subcommands hand the options they do not know to the top level: `plan -f m.yaml -v`.
    app.fallthrough();
    app.add_option("-c,--config-directory", flags.options.config_directory,
                   "The primary instance's config directory (default: Postfix's, /etc/postfix)");
    app.add_flag("-v,--verbose", flags.verbosity,
                 "Each change on stderr as it is made; -vv also what was read and how long each "
                 "step took");
    app.add_flag("-q,--quiet", flags.quiet, "Only errors on stderr");
    app.add_flag("--no-color", flags.options.no_color, "No colour, even on a terminal");
    app.add_option_function<std::string>(
           "--lock-timeout",
           [&flags](const std::string& value) {
               flags.options.lock_timeout = std::chrono::seconds(std::stol(value));
           },
           "Seconds to wait while another pmreconcile changes the host (default 0)")
        ->type_name("SECONDS")
        ->check(CLI::Validator(check_lock_timeout, ""));
}

int run_pmreconcile(int argc, char** argv) {
    if (auto status = run_postmulti_subcommand(argc, argv))
        return *status;
    const ErrorLog error_log;
    CLI::App app{
        "pmreconcile manages the Postfix instances of one host: declaratively from a YAML\n"
        "manifest (plan, apply, check), or imperatively like postmulti(1).",
        "pmreconcile"};
    app.set_version_flag("--version", std::string("pmreconcile ") + version);
    GlobalFlags flags;
    GlobalOptions& options = flags.options;
    add_global_options(app, flags);
    app.require_subcommand(0, 1);
    app.footer(
        "Run 'pmreconcile SUBCOMMAND --help' for the options of one subcommand.\n"
        "Global options may also follow the subcommand.\n"
        "Exit status: 0 success, 1 error (usage errors included), 2 changes pending or drift\n"
        "(plan --detailed-exitcode, check).");

    std::function<int()> run;
    add_declarative_commands(app, options, run);
    add_instance_commands(app, options, run);

    std::vector<std::string> postmulti_arguments;
    auto* postmulti = app.add_subcommand(
        "postmulti", "postmulti(1)-compatible interface: the same options, output and errors");
    postmulti->prefix_command();
    postmulti->footer(
        "Examples:\n  pmreconcile postmulti -l\n  pmreconcile postmulti -i postfix-out -e enable\n"
        "As Postfix's multi_instance_wrapper:\n"
        "  multi_instance_wrapper = /usr/sbin/pmreconcile postmulti -p --");
    postmulti->callback([&] {
        run = [&] {
            return run_postmulti(
                postmulti->remaining(),
                PostmultiInvocation{"postmulti", options.config_directory, options.lock_timeout});
        };
    });

    if (const Status known = check_subcommand(argc, argv, app); !known) {
        return report_usage_error("", known.error());
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return report_usage_error(app, error, std::vector<std::string>(argv + 1, argv + argc));
    }
    configure_logging(flags.quiet ? -1 : flags.verbosity);
    if (!run) {
        std::cout << app.help();
        return to_int(ExitCode::ok);
    }
    return run();
}

}  // namespace

int run(int argc, char** argv) {
    try {
        // Installed or linked under the name `postmulti`, the binary is postmulti.
        if (argc > 0 && basename(argv[0]) == "postmulti") {
            configure_logging(0);
            return run_postmulti(std::vector<std::string>(argv + 1, argv + argc),
                                 PostmultiInvocation{});
        }
        return run_pmreconcile(argc, argv);
    } catch (const std::exception& unexpected) {
        effects::log_error(unexpected.what());
        report_error(unexpected.what());
        return to_int(ExitCode::error);
    }
}

}  // namespace pmr::cli
