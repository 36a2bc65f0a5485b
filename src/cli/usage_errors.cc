#include "cli/usage_errors.h"

#include <cctype>
#include <iostream>
#include <sstream>

#include "cli/error_report.h"
#include "core/support/exit_code.h"
#include "core/support/nearest_name.h"

namespace pmr::cli {

namespace {

/// What a postmulti(1) flag is in pmreconcile's readable subcommands, for someone whose hands
/// type postmulti's command line (`create postfix-out -G mta`); "" for other options.
std::string postmulti_habit(std::string_view option) {
    if (option == "-G")
        return "; postmulti's -G GROUP is --group GROUP here";
    if (option == "-I")
        return "; postmulti's -I NAME is the NAME argument here";
    if (option == "-e" || option == "-x" || option == "-p" || option == "-l")
        return "; postmulti's own command line is 'pmreconcile postmulti " + std::string(option) +
               " ...'";
    return "";
}

/// The words of CLI11's ExtrasError (`The following arguments were not expected: mta -G`):
/// the first unknown option, named with its postmulti habit, else the unexpected arguments.
std::string extras_reworded(const std::string& message) {
    const auto colon = message.find(": ");
    const std::string extras = colon == std::string::npos ? message : message.substr(colon + 2);
    std::istringstream words(extras);
    for (std::string word; words >> word;) {
        if (word.size() > 1 && word[0] == '-')
            return "unknown option " + word + postmulti_habit(word.substr(0, 2));
    }
    return "unexpected argument " + extras;
}

/// CLI11's wording, in pmreconcile's: lower case, and the options as the help names them.
std::string reworded(const CLI::ParseError& error) {
    std::string message = error.what();
    // By type: CLI11 names an ExtrasError after the subcommand that had the extras.
    if (dynamic_cast<const CLI::ExtrasError*>(&error) != nullptr)
        return extras_reworded(message);
    if (dynamic_cast<const CLI::ExcludesError*>(&error) != nullptr &&
        message.find("planfile") != std::string::npos) {
        return "give either -f MANIFEST or a saved PLANFILE, not both";
    }
    if (const auto missing = message.find(": 1 required ");
        missing != std::string::npos &&
        dynamic_cast<const CLI::ArgumentMismatch*>(&error) != nullptr) {
        return message.substr(0, missing) + " needs a value";
    }
    if (!message.empty())
        message[0] = static_cast<char>(std::tolower(message[0]));
    return message;
}

/// Whether `app` or, when given, `sub` has an option of this name (`-f`, `--file`).
bool knows_option(const CLI::App& app, const CLI::App* sub, const std::string& name) {
    return app.get_option_no_throw(name) != nullptr ||
           (sub != nullptr && sub->get_option_no_throw(name) != nullptr);
}

/// The first option on the command line that neither the top level nor the subcommand knows.
/// CLI11 checks the required ones first: `validate --bgus` would say `--file is required`.
std::optional<std::string> first_unknown_option(const CLI::App& app, const CLI::App* sub,
                                                const std::vector<std::string>& args) {
    for (const std::string& arg : args) {
        if (arg == "--")
            break;
        if (arg.size() < 2 || arg[0] != '-' || std::isdigit(static_cast<unsigned char>(arg[1]))) {
            continue;
        }
        const std::string name =
            arg.starts_with("--") ? arg.substr(0, arg.find('=')) : arg.substr(0, 2);
        if (name != "--help" && name != "-h" && !knows_option(app, sub, name))
            return arg;
    }
    return std::nullopt;
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

Status check_subcommand(int argc, char** argv, const CLI::App& app) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (global_option_takes_value(arg)) {
            ++i;
            continue;
        }
        if (arg.starts_with("-"))
            continue;
        std::vector<std::string> names;
        for (const CLI::App* sub : app.get_subcommands(std::function<bool(const CLI::App*)>()))
            names.push_back(sub->get_name());
        for (const std::string& known : names) {
            if (known == arg)
                return ok_status();
        }
        std::string message = "unknown subcommand '" + std::string(arg) + "'";
        if (const auto nearest = nearest_name(arg, names)) {
            message += "; did you mean '" + *nearest + "'?";
        }
        return Status::failure(message);
    }
    return ok_status();
}

int report_usage_error(const std::string& subcommand, const std::string& message) {
    report_error(message);
    std::cerr << "Try 'pmreconcile " << (subcommand.empty() ? "" : subcommand + " ")
              << "--help' for more information.\n";
    return to_int(ExitCode::error);
}

int report_usage_error(const CLI::App& app, const CLI::ParseError& error,
                       const std::vector<std::string>& args) {
    if (dynamic_cast<const CLI::Success*>(&error) != nullptr)
        return app.exit(error);  // --help
    const auto parsed = app.get_subcommands();
    const CLI::App* sub = parsed.empty() ? nullptr : parsed.front();
    if (dynamic_cast<const CLI::RequiredError*>(&error) != nullptr) {
        if (const auto unknown = first_unknown_option(app, sub, args)) {
            return report_usage_error(
                parsed_subcommand(app),
                "unknown option " + *unknown + postmulti_habit(unknown->substr(0, 2)));
        }
    }
    return report_usage_error(parsed_subcommand(app), reworded(error));
}

}  // namespace pmr::cli
