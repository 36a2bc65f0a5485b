#pragma once

#include <optional>
#include <string>

#include "cli/host_context.h"
#include "core/manifest/manifest.h"
#include "core/manifest/validator.h"

namespace pmr::cli {

/// A manifest that parsed and validated, with its text (saved plans embed it).
struct LoadedManifest {
    manifest::Manifest manifest;
    std::string text;
};

/// Reads (`-` is standard input, a pipe is read to its end), parses and validates a manifest;
/// prints every problem at once on stderr as `FILE:LINE:COL: message` and returns nullopt when
/// there is any. `text` replaces reading the file (a saved plan's embedded manifest).
[[nodiscard]] std::optional<LoadedManifest> load_manifest(
    const std::string& path, const manifest::PrimaryDirectories& primary,
    const std::optional<std::string>& text = std::nullopt);

/// The primary's directories as the host's defaults give them, without reading main.cf.
[[nodiscard]] manifest::PrimaryDirectories default_primary_directories(const HostContext& context);

}  // namespace pmr::cli
