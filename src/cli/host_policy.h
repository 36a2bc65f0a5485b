#pragma once

#include "cli/instance_commands.h"

namespace pmr::cli {

/// Whether this process runs as root; reports `WHAT must run as root` when it does not. apply
/// changes Postfix's files and needs root, as Postfix's own tools do.
[[nodiscard]] bool require_root(const char* what);

/// Whether MAIL_CONFIG is unset or names the primary (`-c DIR`, else /etc/postfix); reports
/// the refusal when it names another directory. pmreconcile works on one primary: a MAIL_CONFIG
/// naming another is a mistake, not a switch.
[[nodiscard]] bool refuse_mail_config(const GlobalOptions& global);

}  // namespace pmr::cli
