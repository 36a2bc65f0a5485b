#pragma once

#include <vector>

#include "core/manifest/manifest.h"
#include "core/mastercf/master_cf.h"

namespace pmr::manifest {

/// The services of `master_cf` that differ from `stock` (the master.cf.proto of the installed
/// Postfix, which postmulti creates instances from), as a manifest lists them so that planning
/// it finds nothing to do: each service that is new or changed with all its fields, its
/// command and its `-o` overrides (in file order, the first entry of a NAME/TYPE given twice),
/// then each stock service that is not there as `state: absent`.
[[nodiscard]] std::vector<DesiredService> services_differing(const mastercf::MasterCf& master_cf,
                                                             const mastercf::MasterCf& stock);

}  // namespace pmr::manifest
