#pragma once

#include <string_view>

namespace pmr::effects {

/// Where the changes pmreconcile makes are recorded.
enum class ChangeEcho {
    syslog_only,         ///< postmulti-compatible mode: stderr stays exactly postmulti's
    stderr_on_terminal,  ///< also `pmreconcile: CHANGE` on stderr when it is a terminal
    stderr_always,       ///< also on stderr wherever it goes (-v: cron and CI see each change)
};

/// Records one change through syslog, as Postfix's own tools log: facility mail, tag
/// `postfix/pmreconcile`, with the pid.
void log_change(std::string_view change, ChangeEcho echo);

/// Records a fatal error through syslog (priority err), as postmulti logs its own; the caller
/// has shown it on stderr.
void log_error(std::string_view error);

}  // namespace pmr::effects
