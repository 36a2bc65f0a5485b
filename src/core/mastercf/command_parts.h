#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/mastercf/service.h"

namespace pmr::mastercf {

/// A service's command as the manifest sees it: the command and its arguments apart from the
/// `-o name=value` overrides, which are managed one by one.
struct CommandParts {
    /// words[7] and every argument that is not a `-o` override read as an option (postconf's
    /// rule: options end at the first argument that does not start with `-`, or at `--`).
    std::vector<std::string> command;
    /// The index in `words` of each such `-o`; its value is the next word.
    std::vector<std::size_t> option_indexes;
};

/// Splits the command of `service` (in parse_service()'s normal form) into its parts.
[[nodiscard]] CommandParts command_parts(const Service& service);

/// The words of `command` (a command and its arguments, as a manifest gives it) in
/// parse_service()'s normal form, or postconf's message for why it is no valid command.
struct ParsedCommand {
    std::vector<std::string> words;
    std::string error;
};
[[nodiscard]] ParsedCommand parse_command(std::string_view command);

}  // namespace pmr::mastercf
