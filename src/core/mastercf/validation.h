#pragma once

#include <string>
#include <string_view>

#include "core/mastercf/service.h"
#include "core/support/expected.h"

namespace pmr::mastercf {

/// Checks what postconf lets through but master(8) would refuse or misread, for an entry
/// parse_service() accepted: an `inet` service name must be `[host:]port`, where the port is a
/// number from 1 to 65535 or a service name (letters, digits, `-`, `_`, `.`, starting with a
/// letter) and the host is a host name, an IPv4 address, `[IPv6 address]` or `*`; a service of
/// another type names a socket or FIFO file, so its name must be non-empty and free of `/`,
/// white space and control characters, and must not start with `.`. Fails with the first problem
/// (`inet service name "x:": missing port`).
[[nodiscard]] Status check_service_name(std::string_view name, ServiceType type);

/// check_service_name() applied to `service`.
[[nodiscard]] Status check_service(const Service& service);

}  // namespace pmr::mastercf
