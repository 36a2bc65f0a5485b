#pragma once

namespace pmr::cli {

/// Sends diagnostics to stderr: -1 errors only (-q), 0 warnings, 1 info (-v), 2+ debug (-vv).
void configure_logging(int verbosity);

}  // namespace pmr::cli
