#pragma once

#include "core/instance/host_state.h"
#include "core/maincf/parameter_defaults.h"
#include "core/manifest/manifest.h"
#include "core/support/diagnostic.h"

namespace pmr::cli {

/// export --with-services: adds to `manifest` (made by manifest_from_host() from `files` and
/// `state`) the services of each instance's master.cf, the primary's included, that differ from
/// $meta_directory/master.cf.proto. The files are read as the planner reads them (refused when
/// they cannot be trusted). Returns false, with the reasons in `problems`, when one cannot be
/// read or parsed.
[[nodiscard]] bool add_exported_services(manifest::Manifest& manifest,
                                         const instance::HostState& state,
                                         const instance::HostFiles& files,
                                         const maincf::ParameterDefaults& defaults,
                                         Diagnostics& problems);

}  // namespace pmr::cli
