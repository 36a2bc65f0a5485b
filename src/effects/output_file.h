#pragma once

#include <sys/types.h>

#include <string>

#include "core/support/expected.h"

namespace pmr::effects {

/// Writes `content` to `path`, a file the administrator named (a saved plan, an exported
/// manifest, a Prometheus textfile), atomically: a new temporary file beside it, created
/// exclusively (O_EXCL, a random name beginning with `.`, so node_exporter never reads it),
/// written, given `mode`, synced, then renamed over `path`, all relative to a descriptor of the
/// directory. It never opens an existing file there, so in a directory another user can write
/// (node_exporter's textfile directory belongs to prometheus) nothing planted can make it hang
/// (a FIFO, a held lock), write through a link, or take over a file of root's. On the way to the
/// directory a symbolic link is followed only where nobody else could have placed it: a link
/// owned by root or by us in a directory writable only by root or us, or sticky (`/var/run` ->
/// `/run` is followed; a link in /tmp made by another user is refused). A relative `path`
/// starts at the working directory.
[[nodiscard]] Status write_output_file(const std::string& path, const std::string& content,
                                       mode_t mode);

}  // namespace pmr::effects
