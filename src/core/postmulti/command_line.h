#pragma once

#include <string>
#include <variant>
#include <vector>

#include "core/postmulti/request.h"

namespace pmr::postmulti {

/// Why a command line was refused: what getopt printed (e.g. `invalid option -- 'z'`), then the
/// fatal message, both in Postfix's exact words without the `postmulti: ` prefixes.
struct Refusal {
    std::vector<std::string> getopt_messages;
    std::string fatal;
};

/// Parses postmulti's arguments (`argv` without the program name) exactly as Postfix 3.7 does:
/// getopt with "+ae:g:i:G:I:lpRvx" (option parsing stops at the first operand or `--`), then the
/// same consistency checks in the same order with the same messages (including Postfix's
/// "Specity" typo). `program` is the name used in the usage message.
[[nodiscard]] std::variant<Request, Refusal> parse_command_line(
    const std::vector<std::string>& arguments, std::string_view program = "postmulti");

}  // namespace pmr::postmulti
