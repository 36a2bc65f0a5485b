#pragma once

#include <string>
#include <string_view>

#include "core/flow/graph.h"

namespace pmr::flow {

/// The version of render_json()'s format: the minor grows with added fields, the major with
/// anything a reader of the old format would misread.
inline constexpr std::string_view graph_format_version = "1.0";

/// One line per node, then one line per edge, in the graph's order: readable and diffable.
///
///     instance postfix-in listens on 127.0.0.1:25 (smtp/inet)
///     endpoint filter listens on 127.0.0.1:10025
///     edge postfix-in -> filter: default_transport smtp:[127.0.0.1]:10025
///
/// A disabled instance says `(disabled)`, one without listeners `listens nowhere`; an edge to an
/// address on this host where nobody listens ends with `(nobody listens there)`.
[[nodiscard]] std::string render_text(const FlowGraph& graph);

/// The graph as JSON (README, "pmreconcile graph"): `format_version`, `instances` (name,
/// config_directory, primary, enabled, listeners: address, port, service), `endpoints` (name,
/// listen, forwards_to or null), `remotes`, `tables`, and `edges` (from, from_kind, to, to_kind,
/// parameter, value, dangling).
[[nodiscard]] std::string render_json(const FlowGraph& graph);

/// The graph as Graphviz source: instances as boxes labelled with their listeners, endpoints as
/// hexagons, remote hosts as ellipses, tables as cylinders, edges labelled with the parameter and
/// value (dangling ones dashed and red).
[[nodiscard]] std::string render_dot(const FlowGraph& graph);

}  // namespace pmr::flow
