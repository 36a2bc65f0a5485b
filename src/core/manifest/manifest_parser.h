#pragma once

#include <optional>
#include <string>

#include "core/manifest/manifest.h"
#include "core/manifest/validator.h"
#include "core/support/diagnostic.h"
#include "core/support/task_runner.h"

namespace pmr::manifest {

/// Parses manifest YAML text. Every structural problem (bad YAML, unknown keys, wrong types,
/// missing required keys, anchors and aliases, oversized input) is reported at once as
/// `PATH:LINE:COL: message`; the manifest is returned only when there is none. Meaning
/// (names, paths, conflicts) is checked separately by validate(). A long manifest's YAML is
/// parsed in parts on `runner` where it can be (yaml_tree.h); the result is the same.
[[nodiscard]] std::optional<Manifest> parse_manifest(std::string_view text, const std::string& path,
                                                     Diagnostics& problems,
                                                     const TaskRunner& runner = SequentialRunner{});

/// parse_manifest() and validate() in one, reporting every problem at once, in line order: the
/// meaning of what could be read is checked even when other parts have structural problems
/// (those parts are left out). The manifest is returned only when there is no error.
[[nodiscard]] std::optional<Manifest> parse_and_validate(
    std::string_view text, const std::string& path, const PrimaryDirectories& primary,
    Diagnostics& problems, const TaskRunner& runner = SequentialRunner{});

}  // namespace pmr::manifest
