#include "cli/usage_errors.h"

#include <cctype>
#include <iostream>

#include "core/support/exit_code.h"
#include "core/support/nearest_name.h"

namespace pmr::cli {

namespace {

/// CLI11's wording, in pmreconcile's: lower case, and the options as the help names them.
std::string reworded(const CLI::ParseError& error) {
    std::string message = error.what();
    const std::string name = error.get_name();
    if (name == "ExtrasError") {
        const auto colon = message.find(": ");
        const std::string extras = colon == std::string::npos ? message : message.substr(colon + 2);
        return (extras.starts_with("-") ? "unknown option " : "unexpected argument ") + extras;
    }
    if (name == "ExcludesError" && message.find("planfile") != std::string::npos) {
        return "give either -f MANIFEST or a saved PLANFILE, not both";
    }
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(message[0]));
    return message;
}

/// The subcommand the parse got to, as in `pmreconcile plan`; empty for the top level.
std::string parsed_subcommand(const CLI::App& app) {
    const auto parsed = app.get_subcommands();
    return parsed.empty() ? std::string() : parsed.front()->get_name();
}

}  // namespace

bool global_option_takes_value(std::string_view arg) {
    return arg == "-c" || arg == "--config-directory" || arg == "--lock-timeout";
}

std::optional<std::string> unknown_subcommand(int argc, char** argv, const CLI::App& app) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (global_option_takes_value(arg)) {
            ++i;
            continue;
        }
        if (arg.starts_with("-")) continue;
        std::vector<std::string> names;
        for (const CLI::App* sub : app.get_subcommands(std::function<bool(const CLI::App*)>())) names.push_back(sub->get_name());
        for (const std::string& known : names) {
            if (known == arg) return std::nullopt;
        }
        std::string message = "unknown subcommand '" + std::string(arg) + "'";
        if (const auto nearest = nearest_name(arg, names)) {
            message += "; did you mean '" + *nearest + "'?";
        }
        return message;
    }
    return std::nullopt;
}

int report_usage_error(const std::string& subcommand, const std::string& message) {
    std::cerr << "pmreconcile: error: " << message << '\n'
              << "Try 'pmreconcile " << (subcommand.empty() ? "" : subcommand + " ")
              << "--help' for more information.\n";
    return to_int(ExitCode::error);
}

int report_usage_error(const CLI::App& app, const CLI::ParseError& error) {
    const std::string name = error.get_name();
    if (name == "CallForHelp" || name == "CallForAllHelp" || name == "CallForVersion") {
        return app.exit(error);
    }
    return report_usage_error(parsed_subcommand(app), reworded(error));
}

}  // namespace pmr::cli
