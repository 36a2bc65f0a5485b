#pragma once

namespace pmr {

/// Every exit status pmreconcile uses (Terraform's -detailed-exitcode meanings).
enum class ExitCode : int {
    ok = 0,            ///< success; for plan and check: nothing to do, no drift
    error = 1,         ///< failure, bad input, refused step
    changes = 2,       ///< plan --detailed-exitcode: changes pending; check: drift found
    interrupted = 130  ///< stopped by SIGINT
};

[[nodiscard]] constexpr int to_int(ExitCode code) {
    return static_cast<int>(code);
}

}  // namespace pmr
