#include "cli/host_policy.h"

#include <unistd.h>

#include <cstdlib>
#include <string>

#include "cli/error_report.h"

namespace pmr::cli {

bool require_root(const char* what) {
    if (::geteuid() == 0)
        return true;
    report_error(std::string(what) +
                 " must run as root: it changes Postfix's files and directories");
    return false;
}

bool refuse_mail_config(const GlobalOptions& global) {
    const char* mail_config = std::getenv("MAIL_CONFIG");
    if (mail_config == nullptr || *mail_config == '\0')
        return true;
    const std::string primary = global.config_directory.value_or("/etc/postfix");
    if (mail_config == primary)
        return true;
    report_error("MAIL_CONFIG=" + std::string(mail_config) +
                 " names another configuration directory than the primary's (" + primary +
                 "); unset it, or select the primary with -c DIR");
    return false;
}

}  // namespace pmr::cli
