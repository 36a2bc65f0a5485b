#pragma once

#include "core/instance/host_state.h"
#include "core/manifest/manifest.h"
#include "core/support/diagnostic.h"

namespace pmr::manifest {

/// Checks the instances a manifest adds against the instances already on the host that it does
/// not list: a directory of a new instance (config, queue or data; derived from the host
/// primary's like postmulti when left out) must neither lie inside nor contain a directory of
/// such an instance or of the primary. postmulti only refuses equal directories (reported later,
/// in its words); validate() does the same check among the manifest's own instances. Every
/// problem is reported, located at the manifest entry:
/// `m.yaml:3:5: postfix-v's queue_directory /etc/postfix-a/q overlaps postfix-a's
/// config_directory /etc/postfix-a on this host`.
[[nodiscard]] Diagnostics check_host_overlaps(const Manifest& manifest,
                                              const instance::HostState& host);

}  // namespace pmr::manifest
