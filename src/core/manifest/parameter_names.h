#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/manifest/manifest.h"
#include "core/support/diagnostic.h"

namespace pmr::manifest {

/// The names Postfix derives from master.cf service names (`relay_destination_concurrency_limit`
/// for a service `relay`): the queue manager's per-transport settings and `SERVICE_time_limit`.
[[nodiscard]] std::vector<std::string> service_parameter_names(
    const std::vector<std::string>& services);

/// The service names of a master.cf text: the first field of each entry (not of comments or
/// continuation lines), the part after the last `:` of an inet `host:port`.
[[nodiscard]] std::vector<std::string> master_cf_service_names(std::string_view master_cf);

/// The service names of the stock Debian 12 (Postfix 3.7) master.cf.
[[nodiscard]] const std::vector<std::string>& stock_service_names();

/// The names a manifest's values refer to as `$name`, `${name}`, `$(name)` or `${name?...}`:
/// parameters the administrator defines for their own use.
[[nodiscard]] std::vector<std::string> referenced_parameter_names(const Manifest& manifest);

/// One diagnostic of `severity` for each parameter the manifest sets whose name is not in
/// `known` (Postfix's names, the derived ones, the referenced ones): Postfix would log
/// `unused parameter` and ignore it. Says the nearest known name when there is a close one:
/// `unknown parameter 'myhostnmae'; did you mean 'myhostname'?`.
[[nodiscard]] Diagnostics check_parameter_names(const Manifest& manifest,
                                                const std::vector<std::string>& known,
                                                Severity severity);

}  // namespace pmr::manifest
