#pragma once

#include <string>

#include "core/maincf/main_cf.h"
#include "core/maincf/parameter_defaults.h"

namespace pmr::postmulti {

/// The primary's expanded `syslog_name` (by default `${multi_instance_name?{$multi_instance_name}:
/// {postfix}}`), `postfix` when it cannot be expanded. postmulti's mail_conf_read() exports it as
/// MAIL_LOGTAG, so every command postmulti runs inherits it, and postmulti-script tags its
/// messages `TAG/postmulti-script`.
[[nodiscard]] std::string log_tag(const maincf::MainCf& primary_main_cf,
                                  const maincf::ParameterDefaults& defaults);

}  // namespace pmr::postmulti
