#include "core/postmulti/mail_config.h"

namespace pmr::postmulti {

std::string startup_config_directory(const char* mail_config, std::string_view default_directory) {
    // An empty MAIL_CONFIG is not "unset": Postfix reads "" + "/main.cf".
    return std::string(mail_config != nullptr ? std::string_view(mail_config) : default_directory);
}

Status check_mail_config(const char* mail_config, std::string_view default_directory) {
    if (mail_config == nullptr || std::string_view(mail_config) == default_directory)
        return ok_status();
    return Status::failure(std::string("Non-default configuration directory: MAIL_CONFIG=") +
                           mail_config);
}

}  // namespace pmr::postmulti
