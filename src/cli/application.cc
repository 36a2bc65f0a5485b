#include "cli/application.h"

#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>

#include "cli/logging.h"
#include "cli/version.h"
#include "core/support/exit_code.h"

namespace pmr::cli {

int run(int argc, char** argv) {
    CLI::App app{
        "pmreconcile manages the Postfix instances of one host: declaratively from a YAML\n"
        "manifest (plan, apply, check), or imperatively like postmulti(1).",
        "pmreconcile"};
    app.set_version_flag("--version", std::string("pmreconcile ") + version);
    int verbosity = 0;
    bool quiet = false;
    app.add_flag("-v,--verbose", verbosity, "More diagnostics on stderr (repeat for more)");
    app.add_flag("-q,--quiet", quiet, "Only errors on stderr");
    app.require_subcommand(0, 1);
    app.footer("Run 'pmreconcile SUBCOMMAND --help' for the options of one subcommand.");

    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        return app.exit(error);
    }
    configure_logging(quiet ? -1 : verbosity);
    try {
        if (app.get_subcommands().empty()) {
            std::cout << app.help();
            return to_int(ExitCode::ok);
        }
        return to_int(ExitCode::ok);
    } catch (const std::exception& unexpected) {
        std::cerr << "pmreconcile: error: " << unexpected.what() << '\n';
        return to_int(ExitCode::error);
    }
}

}  // namespace pmr::cli
