#include "cli/postmulti_frontend.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <variant>

#include "cli/error_report.h"
#include "cli/host_context.h"
#include "cli/postmulti_session.h"
#include "core/postmulti/command_line.h"
#include "core/postmulti/log_tag.h"
#include "core/postmulti/mail_config.h"
#include "core/support/exit_code.h"

namespace pmr::cli {

namespace {

/// As postmulti's mail_conf_read() does: MAIL_LOGTAG in our own environment, for every command
/// we run to inherit (an inherited value is replaced in place).
void export_log_tag(const std::string& log_tag) {
    const char* inherited = std::getenv("MAIL_LOGTAG");
    if (inherited != nullptr && log_tag == inherited)
        return;
    if (::setenv("MAIL_LOGTAG", log_tag.c_str(), 1) < 0) {
        report_warning(std::string("setenv MAIL_LOGTAG: ") + std::strerror(errno));
    }
}

}  // namespace

int run_postmulti(const std::vector<std::string>& arguments,
                  const PostmultiInvocation& invocation) {
    ::umask(022);  // postmulti's: consistent file permissions
    const PostmultiStyle startup_style(invocation.program);
    const char* mail_config = std::getenv("MAIL_CONFIG");
    HostContext context = load_host_context(invocation.config_directory);
    context.lock_timeout = invocation.lock_timeout;
    const std::string default_directory = context.config_directory;
    if (!invocation.config_directory) {
        // postmulti reads MAIL_CONFIG's main.cf first (an empty one means `/main.cf`).
        context.config_directory =
            postmulti::startup_config_directory(mail_config, default_directory);
    }

    // As postmulti does: read main.cf first, then refuse a non-default MAIL_CONFIG, then parse.
    const auto primary = read_primary(context, startup_style);
    if (!primary)
        return to_int(ExitCode::error);
    const std::string log_tag = postmulti::log_tag(*primary, context.defaults);
    export_log_tag(log_tag);
    const PostmultiStyle style(invocation.program, log_tag);
    if (const Status accepted = postmulti::check_mail_config(mail_config, default_directory);
        !accepted) {
        style.fatal(postmulti::MessageSource::postmulti, accepted.error());
        return to_int(ExitCode::error);
    }

    const auto parsed = postmulti::parse_command_line(arguments, invocation.program);
    if (const auto* refusal = std::get_if<postmulti::Refusal>(&parsed)) {
        for (const std::string& message : refusal->getopt_messages) {
            std::cerr << invocation.program << ": " << message << '\n';
        }
        style.fatal(postmulti::MessageSource::postmulti, refusal->fatal);
        return to_int(ExitCode::error);
    }
    return execute_request(std::get<postmulti::Request>(parsed), context, *primary, style);
}

}  // namespace pmr::cli
