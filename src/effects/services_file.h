#pragma once

#include <string>

#include "core/flow/endpoint.h"

namespace pmr::effects {

/// The TCP services of `path` (/etc/services), for the mail-flow graph. A file that cannot be
/// read gives an empty table; either way `smtp` (25) and `lmtp` (24) are in it, as Postfix
/// itself cannot do without them.
[[nodiscard]] flow::ServicesTable read_services_table(const std::string& path = "/etc/services");

}  // namespace pmr::effects
