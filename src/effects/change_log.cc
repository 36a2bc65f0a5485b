#include "effects/change_log.h"

#include <syslog.h>
#include <unistd.h>

#include <cstdio>
#include <string>

namespace pmr::effects {

namespace {

void open_log() {
    static const bool opened = [] {
        ::openlog("postfix/pmreconcile", LOG_PID | LOG_NDELAY, LOG_MAIL);
        return true;
    }();
    (void)opened;
}

}  // namespace

void log_change(std::string_view change, ChangeEcho echo) {
    open_log();
    const std::string text(change);
    ::syslog(LOG_INFO, "%s", text.c_str());
    if (echo == ChangeEcho::stderr_always ||
        (echo == ChangeEcho::stderr_on_terminal && ::isatty(STDERR_FILENO) == 1)) {
        std::fprintf(stderr, "pmreconcile: %s\n", text.c_str());
    }
}

void log_error(std::string_view error) {
    open_log();
    const std::string text(error);
    ::syslog(LOG_ERR, "error: %s", text.c_str());
}

}  // namespace pmr::effects
