#pragma once

#include "core/flow/graph.h"
#include "core/manifest/manifest.h"
#include "core/support/diagnostic.h"

namespace pmr::flow {

/// What the manifest alone decides about the mail flow (validate): each endpoint has a name
/// (not an instance's, not another endpoint's) and `listen`/`forwards_to` addresses of the form
/// `host:port` with a host and a numeric port; and no two of the manifest's explicit
/// `HOST:PORT/inet` services (of different instances, the primary included) and endpoints' listen
/// addresses bind the same address and port. Errors are located in the manifest; a conflict
/// names the other side's position too.
[[nodiscard]] Diagnostics check_endpoints(const manifest::Manifest& manifest);

/// The checks of a host's mail flow (plan and check, on the host as the plan leaves it), located
/// in the manifest where it writes the setting (else in the instance's own files):
/// - listener conflicts (errors): two started instances (the primary and the enabled ones), or
///   an instance and an endpoint, that bind the same address and port (addresses_clash());
/// - dangling hand-offs (warnings): a next hop on this host that nobody listens on, of a started
///   instance or an endpoint;
/// - loops (errors): a cycle of hand-offs between started instances with no endpoint in it;
/// - order (warnings): a secondary that receives mail from another (directly or through an
///   endpoint) but starts after it, with the order that would be right.
[[nodiscard]] Diagnostics check_flow(const FlowGraph& graph, const manifest::Manifest& manifest);

}  // namespace pmr::flow
