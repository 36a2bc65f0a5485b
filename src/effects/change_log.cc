#include "effects/change_log.h"

#include <syslog.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace pmr::effects {

void log_change(std::string_view change, ChangeEcho echo) {
    static const bool opened = [] {
        ::openlog("postfix/pmreconcile", LOG_PID | LOG_NDELAY, LOG_MAIL);
        return true;
    }();
    (void)opened;
    const std::string text(change);
    ::syslog(LOG_INFO, "%s", text.c_str());
    if (echo == ChangeEcho::stderr_on_terminal && ::isatty(STDERR_FILENO) == 1) {
        std::fprintf(stderr, "pmreconcile: %s\n", text.c_str());
    }
}

}  // namespace pmr::effects
