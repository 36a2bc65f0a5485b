#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

namespace pmr::cli {

/// How the postmulti-compatible front end was reached.
struct PostmultiInvocation {
    std::string program = "postmulti";            ///< the name in messages
    std::optional<std::string> config_directory;  ///< pmreconcile's `-c DIR`
    std::chrono::seconds lock_timeout{0};         ///< pmreconcile's `--lock-timeout`
};

/// postmulti(1), natively: the same options, output, exit status and error texts as Postfix
/// 3.7's postmulti (errors always go to stderr, also when it is not a terminal). Returns the
/// exit status.
[[nodiscard]] int run_postmulti(const std::vector<std::string>& arguments,
                                const PostmultiInvocation& invocation);

}  // namespace pmr::cli
