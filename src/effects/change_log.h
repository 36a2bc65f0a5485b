#pragma once

#include <string_view>

namespace pmr::effects {

/// Where the changes pmreconcile makes are recorded.
enum class ChangeEcho {
    syslog_only,        ///< postmulti-compatible mode: stderr stays exactly postmulti's
    stderr_on_terminal  ///< also `pmreconcile: CHANGE` on stderr when it is a terminal
};

/// Records one change through syslog, as Postfix's own tools log: facility mail, tag
/// `postfix/pmreconcile`, with the pid.
void log_change(std::string_view change, ChangeEcho echo);

}  // namespace pmr::effects
