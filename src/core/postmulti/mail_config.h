#pragma once

#include <string>
#include <string_view>

#include "core/support/expected.h"

namespace pmr::postmulti {

/// The directory whose main.cf postmulti reads before anything else: MAIL_CONFIG whenever it is
/// set, even to the empty string (Postfix's mail_conf_read() then reads `/main.cf` and fails on
/// it), else `default_directory`. `mail_config` is getenv("MAIL_CONFIG"), nullptr when unset.
[[nodiscard]] std::string startup_config_directory(const char* mail_config,
                                                   std::string_view default_directory);

/// Succeeds when MAIL_CONFIG is unset or the default directory; else fails with postmulti's
/// refusal of a MAIL_CONFIG other than the default (compared as strings: `/etc/postfix/` is
/// refused too).
[[nodiscard]] Status check_mail_config(const char* mail_config, std::string_view default_directory);

}  // namespace pmr::postmulti
