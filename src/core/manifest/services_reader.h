#pragma once

#include <string>
#include <vector>

#include "core/manifest/manifest.h"
#include "core/manifest/yaml_tree.h"
#include "core/support/diagnostic.h"

namespace pmr::manifest {

/// Reads a `services:` mapping (of an instance or of the primary): keys `NAME/TYPE` as `postconf
/// -M` prints them (split at the last `/`), each value a mapping of `private`, `unpriv`,
/// `chroot`, `wakeup`, `maxproc`, `command` (scalars), `options` (a mapping of names to scalars,
/// or null to remove one) and `state` (present or absent). Structural problems (wrong types,
/// unknown or repeated keys, a key without `/`) are added to `problems` as `PATH:LINE:COL:
/// message`; what the values mean is checked by validate_services().
[[nodiscard]] std::vector<DesiredService> read_services(const YamlNode& node,
                                                        const std::string& path,
                                                        Diagnostics& problems);

}  // namespace pmr::manifest
