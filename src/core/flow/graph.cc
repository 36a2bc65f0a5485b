#include "core/flow/graph.h"

#include <algorithm>

#include "core/flow/interfaces.h"

namespace pmr::flow {

namespace {

/// Every address a listener or endpoint of `graph` binds explicitly: this host's own.
std::vector<std::string> local_addresses(const FlowGraph& graph) {
    std::vector<std::string> addresses;
    auto add = [&](const std::string& host) {
        if (!host.empty() && !is_wildcard(host) &&
            std::ranges::find(addresses, host) == addresses.end())
            addresses.push_back(host);
    };
    for (const InstanceNode& i : graph.instances) {
        for (const Listener& l : i.listeners)
            add(l.endpoint.host);
    }
    for (const EndpointNode& e : graph.endpoints)
        add(e.listen.host);
    return addresses;
}

void add_unique(std::vector<std::string>& names, const std::string& name) {
    if (std::ranges::find(names, name) == names.end())
        names.push_back(name);
}

/// `[host]:port` for a next hop without MX lookup, `host:port` with it.
std::string remote_name(const Endpoint& address, bool mx_lookup) {
    if (mx_lookup)
        return to_string(address);
    return "[" + address.host + "]:" + std::to_string(address.port);
}

/// Points `edge` at whatever receives mail sent to `address`.
void aim(FlowGraph& graph, Edge& edge, const Endpoint& address, bool mx_lookup,
         const std::vector<std::string>& local) {
    if (auto receiver = receiver_of(graph, address)) {
        edge.to = receiver->name;
        edge.to_kind = receiver->kind;
        return;
    }
    edge.to = remote_name(address, mx_lookup);
    edge.to_kind = NodeKind::remote;
    if (is_loopback(address.host) || std::ranges::find(local, address.host) != local.end())
        edge.dangling = address;
    add_unique(graph.remotes, edge.to);
}

}  // namespace

std::string_view to_string(NodeKind kind) {
    switch (kind) {
        case NodeKind::instance:
            return "instance";
        case NodeKind::endpoint:
            return "endpoint";
        case NodeKind::remote:
            return "remote";
        case NodeKind::table:
            return "table";
    }
    return "instance";
}

std::optional<Receiver> receiver_of(const FlowGraph& graph, const Endpoint& address) {
    const std::vector<std::string> local = local_addresses(graph);
    for (const InstanceNode& i : graph.instances) {
        if (!i.enabled && !i.primary)
            continue;
        for (const Listener& l : i.listeners) {
            if (l.endpoint.port == address.port && reaches(address.host, l.endpoint.host, local))
                return Receiver{i.name, NodeKind::instance};
        }
    }
    for (const EndpointNode& e : graph.endpoints) {
        if (e.listen.port == address.port && reaches(address.host, e.listen.host, local))
            return Receiver{e.name, NodeKind::endpoint};
    }
    return std::nullopt;
}

FlowGraph build_graph(std::vector<InstanceNode> instances, std::vector<EndpointNode> endpoints) {
    FlowGraph graph{std::move(instances), std::move(endpoints), {}, {}, {}};
    const std::vector<std::string> local = local_addresses(graph);
    for (const InstanceNode& i : graph.instances) {
        for (std::size_t k = 0; k < i.hand_offs.size(); ++k) {
            const HandOff& hop = i.hand_offs[k];
            Edge edge{i.name,        NodeKind::instance, {},           NodeKind::remote,
                      hop.parameter, hop.value,          std::nullopt, k};
            if (hop.kind == HopKind::table) {
                edge.to = hop.table;
                edge.to_kind = NodeKind::table;
                add_unique(graph.tables, hop.table);
            } else if (hop.kind == HopKind::mx) {
                edge.to = std::string(recipient_mx);
                add_unique(graph.remotes, edge.to);
            } else {
                aim(graph, edge, hop.endpoint, hop.mx_lookup, local);
            }
            graph.edges.push_back(std::move(edge));
        }
    }
    for (const EndpointNode& e : graph.endpoints) {
        if (!e.forwards_to)
            continue;
        Edge edge{e.name,        NodeKind::endpoint,        {},           NodeKind::remote,
                  "forwards_to", to_string(*e.forwards_to), std::nullopt, std::nullopt};
        aim(graph, edge, *e.forwards_to, false, local);
        graph.edges.push_back(std::move(edge));
    }
    return graph;
}

}  // namespace pmr::flow
