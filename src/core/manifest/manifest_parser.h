#pragma once

#include <optional>
#include <string>

#include "core/manifest/manifest.h"
#include "core/support/diagnostic.h"

namespace pmr::manifest {

/// Parses manifest YAML text. Every structural problem (bad YAML, unknown keys, wrong types,
/// missing required keys, anchors and aliases, oversized input) is reported at once as
/// `PATH:LINE:COL: message`; the manifest is returned only when there is none. Meaning
/// (names, paths, conflicts) is checked separately by validate().
[[nodiscard]] std::optional<Manifest> parse_manifest(std::string_view text, const std::string& path,
                                                     Diagnostics& problems);

}  // namespace pmr::manifest
