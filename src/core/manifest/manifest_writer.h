#pragma once

#include <set>
#include <string>

#include "core/instance/host_state.h"
#include "core/manifest/manifest.h"

namespace pmr::manifest {

/// The manifest as YAML text (version 1) that parse_manifest() reads back to an equal manifest,
/// with the yaml-language-server schema modeline on top.
[[nodiscard]] std::string write_manifest(const Manifest& manifest);

/// A manifest describing the host as it is: every secondary with its name, group, enable flag
/// and directories, in start order. With `host_files`, the explicit main.cf settings of each
/// instance, the primary's included, are listed as managed parameters too (reserved ones
/// excepted). With `running` (the config directories whose master runs), each instance's
/// `running:` and the primary's, as the host has them.
[[nodiscard]] Manifest manifest_from_host(const instance::HostState& state,
                                          const instance::HostFiles* host_files,
                                          const std::set<std::string>* running = nullptr);

}  // namespace pmr::manifest
