#include "cli/postmulti_frontend.h"

#include <sys/stat.h>

#include <cstdlib>
#include <iostream>
#include <variant>

#include "cli/host_context.h"
#include "cli/postmulti_session.h"
#include "core/postmulti/command_line.h"
#include "core/postmulti/mail_config.h"
#include "core/support/exit_code.h"

namespace pmr::cli {

int run_postmulti(const std::vector<std::string>& arguments,
                  const PostmultiInvocation& invocation) {
    ::umask(022);  // postmulti's: consistent file permissions
    const PostmultiStyle style(invocation.program);
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
    const auto primary = read_primary(context, style);
    if (!primary) return to_int(ExitCode::error);
    if (auto refusal = postmulti::refuse_mail_config(mail_config, default_directory)) {
        style.fatal(postmulti::MessageSource::postmulti, *refusal);
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
