#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/flow/endpoint.h"
#include "core/flow/listeners.h"
#include "core/flow/next_hops.h"

namespace pmr::flow {

/// One Postfix instance of the host as a node: where it listens and where it hands mail.
struct InstanceNode {
    std::string name;  ///< its name, or `primary` for an unnamed primary
    std::string config_directory;
    bool primary = false;
    bool enabled = false;  ///< only enabled instances (and the primary) are started
    std::vector<Listener> listeners;
    std::vector<HandOff> hand_offs;
};

/// Something that is not Postfix but takes mail on this host, declared in the manifest's
/// `endpoints:` (a content filter): where it listens, and where it hands mail back, if anywhere.
struct EndpointNode {
    std::string name;
    Endpoint listen;
    std::optional<Endpoint> forwards_to;
};

/// What a node of the graph is.
enum class NodeKind { instance, endpoint, remote, table };

/// The name of each kind (`instance`, `endpoint`, `remote`, `table`).
[[nodiscard]] std::string_view to_string(NodeKind kind);

/// One hand-off as an edge: from an instance or endpoint to what receives the mail.
struct Edge {
    std::string from;
    NodeKind from_kind = NodeKind::instance;
    std::string to;
    NodeKind to_kind = NodeKind::remote;
    std::string parameter;  ///< `default_transport`, `forwards_to`, ...
    std::string value;      ///< `smtp:[127.0.0.1]:10025`
    /// For an address on this host that nobody listens on: the address, else nullopt.
    std::optional<Endpoint> dangling;
    /// Where the hand-off is written: the index into the sender's hand_offs (an instance), or
    /// nullopt (an endpoint's forwards_to).
    std::optional<std::size_t> hand_off;
};

/// The mail flow of a host: instances, external endpoints, the remote hosts and tables mail goes
/// to, and the edges between them, in a stable order (instances in postmulti's order, their
/// hand-offs in hand_offs_of() order, then endpoints').
struct FlowGraph {
    std::vector<InstanceNode> instances;
    std::vector<EndpointNode> endpoints;
    std::vector<std::string> remotes;  ///< `[mailhub.example.com]:25`, `recipient MX`, ...
    std::vector<std::string> tables;   ///< `hash:/etc/postfix/transport`
    std::vector<Edge> edges;
};

/// The name of the node for mail sent by MX lookup of the recipient's domain.
inline constexpr std::string_view recipient_mx = "recipient MX";

/// Builds the graph: each hand-off to an address goes to the enabled instance (or endpoint) that
/// listens there (see reaches(); the local addresses are those any listener binds explicitly),
/// else to a remote node named by the address (`[host]:port`, `host:port` with MX lookup), marked
/// dangling when the address is on this host (loopback, or a local address).
[[nodiscard]] FlowGraph build_graph(std::vector<InstanceNode> instances,
                                    std::vector<EndpointNode> endpoints);

/// The node that receives mail sent to `address` in `graph`: an enabled instance's or an
/// endpoint's name and kind, or nullopt.
struct Receiver {
    std::string name;
    NodeKind kind = NodeKind::instance;
};
[[nodiscard]] std::optional<Receiver> receiver_of(const FlowGraph& graph, const Endpoint& address);

}  // namespace pmr::flow
