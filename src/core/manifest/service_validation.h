#pragma once

#include <string>
#include <vector>

#include "core/manifest/manifest.h"
#include "core/support/diagnostic.h"

namespace pmr::manifest {

/// Checks what the `services:` of one instance (or of the primary) mean, without reading the
/// host: the type is one of inet, unix, unix-dgram, fifo and pass; the name is one master(8)
/// accepts for it (an inet name is `[host:]port`); `private`, `unpriv` and `chroot` are y, n or
/// -; `wakeup` is - or a number with an optional `?`; `maxproc` is - or a number; `command` is a
/// command with its arguments and no `-o` (those go under `options`); option names are main.cf
/// names and values fit on one line without white space at either end; a `state: absent`
/// service has no other fields. Every problem is reported, located in `path`, naming `owner`
/// (`postfix-out`, or `the primary`).
[[nodiscard]] Diagnostics validate_services(const std::vector<DesiredService>& services,
                                            const std::string& path, const std::string& owner);

}  // namespace pmr::manifest
