#pragma once

#include <string_view>

#include "core/support/diagnostic.h"

namespace pmr::cli {

/// How every error pmreconcile reports in its own words starts (ErrorLog logs those lines).
inline constexpr std::string_view error_prefix = "pmreconcile: error: ";

/// Reports an error in pmreconcile's words on stderr: `pmreconcile: error: MESSAGE`. Every
/// pmreconcile error goes through here; postmulti mode keeps Postfix's own prefixes instead
/// (PostmultiStyle).
void report_error(std::string_view message);

/// Reports a warning in pmreconcile's words on stderr: `pmreconcile: warning: MESSAGE`.
void report_warning(std::string_view message);

/// Reports each problem as an error or a warning by its severity, in `FILE:LINE:COL: message`
/// form after the prefix.
void report_problems(const Diagnostics& problems);

}  // namespace pmr::cli
