#pragma once

#include <vector>

#include "core/flow/graph.h"
#include "core/lifecycle/simulated_host.h"
#include "core/maincf/parameter_defaults.h"
#include "core/manifest/manifest.h"
#include "core/support/diagnostic.h"

namespace pmr::flow {

/// The manifest's `endpoints:` as nodes; entries that check_endpoints() refuses are left out.
[[nodiscard]] std::vector<EndpointNode> endpoint_nodes(const manifest::Manifest& manifest);

/// The mail flow of the host held in `host` (a snapshot, or the host as a plan leaves it): each
/// instance postmulti would list, in its order, with its listeners and hand-offs read from its
/// main.cf (over `defaults`, `$config_directory` its own) and master.cf (none when the host holds
/// no master.cf for it), and `endpoints`. What cannot be read is added to `problems` as warnings.
[[nodiscard]] FlowGraph graph_of_host(const lifecycle::SimulatedHost& host,
                                      const maincf::ParameterDefaults& defaults,
                                      const ServicesTable& services,
                                      std::vector<EndpointNode> endpoints, Diagnostics& problems);

}  // namespace pmr::flow
