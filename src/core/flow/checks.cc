#include "core/flow/checks.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

#include "core/flow/interfaces.h"

namespace pmr::flow {

namespace {

/// Where a thing of the flow is written: in the manifest when it is there, else in a file of
/// the instance.
struct Place {
    std::string path;
    int line = 0;
    int column = 0;
    [[nodiscard]] std::string text() const {
        Diagnostic d{Severity::warning, path, line, column, ""};
        std::string s = d.to_string();
        return s.substr(0, s.size() - 2);  // without the ": " before the empty message
    }
};

/// Finds the manifest positions of instances, services, parameters and endpoints.
class Locator {
  public:
    explicit Locator(const manifest::Manifest& manifest) : manifest_(manifest) {}

    /// The manifest entry of the instance named `name` (nullptr for the primary or none).
    [[nodiscard]] const manifest::DesiredInstance* entry(const InstanceNode& node) const {
        if (node.primary)
            return nullptr;
        for (const manifest::DesiredInstance& d : manifest_.instances) {
            if (d.name == node.name)
                return &d;
        }
        return nullptr;
    }

    [[nodiscard]] Place at(manifest::Position p) const {
        return {manifest_.path, p.line, p.column};
    }

    /// Where `listener` of `node` is decided: its managed service, or inet_interfaces for a
    /// service without a host, or the instance's entry, or master.cf.
    [[nodiscard]] Place listener(const InstanceNode& node, const Listener& l) const {
        const auto& services = node.primary ? manifest_.primary_services : services_of(node);
        for (const manifest::DesiredService& s : services) {
            if (s.key() == l.service)
                return at(s.position);
        }
        if (const manifest::Parameter* p = parameter(node, "inet_interfaces");
            p && l.service.find(':') == std::string::npos)
            return at(p->position);
        return fallback(node, "/master.cf", l.line);
    }

    /// Where hand-off number `k` of `node` is set.
    [[nodiscard]] Place hand_off(const InstanceNode& node, std::size_t k) const {
        const HandOff& hop = node.hand_offs[k];
        if (hop.master_cf_line != 0) {
            const std::string service = hop.parameter.substr(0, hop.parameter.find(' '));
            const auto& services = node.primary ? manifest_.primary_services : services_of(node);
            for (const manifest::DesiredService& s : services) {
                if (s.key() == service)
                    return at(s.position);
            }
            return fallback(node, "/master.cf", hop.master_cf_line);
        }
        if (const manifest::Parameter* p = parameter(node, hop.parameter))
            return at(p->position);
        return fallback(node, "/main.cf", 0);
    }

    /// Where the endpoint named `name` is declared.
    [[nodiscard]] Place endpoint(const std::string& name) const {
        for (const manifest::ExternalEndpoint& e : manifest_.endpoints) {
            if (e.name == name)
                return at(e.position);
        }
        return {manifest_.path, 0, 0};
    }

    /// The instance's manifest entry, else its config directory's file.
    [[nodiscard]] Place fallback(const InstanceNode& node, std::string_view file, int line) const {
        if (const manifest::DesiredInstance* d = entry(node))
            return at(d->position);
        return {node.config_directory + std::string(file), line, 0};
    }

  private:
    [[nodiscard]] const std::vector<manifest::DesiredService>& services_of(
        const InstanceNode& node) const {
        static const std::vector<manifest::DesiredService> none;
        const manifest::DesiredInstance* d = entry(node);
        return d != nullptr ? d->services : none;
    }

    [[nodiscard]] const manifest::Parameter* parameter(const InstanceNode& node,
                                                       std::string_view name) const {
        const auto& parameters =
            node.primary ? manifest_.primary_parameters
                         : (entry(node) != nullptr ? entry(node)->parameters : no_parameters_);
        for (const manifest::Parameter& p : parameters) {
            if (p.name == name)
                return &p;
        }
        return nullptr;
    }

    const manifest::Manifest& manifest_;
    const std::vector<manifest::Parameter> no_parameters_;
};

Diagnostic at(const Place& place, Severity severity, std::string message) {
    return Diagnostic{severity, place.path, place.line, place.column, std::move(message)};
}

/// One bound socket of a started node, for the conflict check. Postfix 3.6 and later set
/// SO_REUSEPORT on their listeners, so a second master on a taken address and port starts
/// without a word, and the kernel deals connections to both (tests/e2e listener-conflict.sh).
struct Binding {
    std::string node;     ///< the instance's or endpoint's name
    std::string service;  ///< `smtp/inet`, or `listen` for an endpoint
    Endpoint endpoint;
    Place place;
};

std::vector<Binding> bindings_of(const FlowGraph& graph, const Locator& locate) {
    std::vector<Binding> bindings;
    for (const InstanceNode& i : graph.instances) {
        if (!i.primary && !i.enabled)
            continue;
        for (const Listener& l : i.listeners)
            bindings.push_back({i.name, l.service, l.endpoint, locate.listener(i, l)});
    }
    for (const EndpointNode& e : graph.endpoints)
        bindings.push_back({e.name, "listen", e.listen, locate.endpoint(e.name)});
    return bindings;
}

/// What two clashing bindings do on Linux: with SO_REUSEPORT both bind; a connection goes to the
/// socket of the most specific address, and between equal ones to either.
std::string conflict_effect(const Binding& x, const Binding& y) {
    if (x.endpoint.host == y.endpoint.host) {
        return "bind the same address and port: Postfix starts both (SO_REUSEPORT) and each "
               "connection reaches either one";
    }
    const Binding& specific = is_wildcard(x.endpoint.host) ? y : x;
    return "bind overlapping addresses on one port: Postfix starts both (SO_REUSEPORT) and "
           "connections to " +
           specific.endpoint.host + " reach only " + specific.node;
}

/// Whether two bindings of different nodes would take the same connections.
bool clash(const Binding& x, const Binding& y) {
    return x.node != y.node && x.endpoint.port == y.endpoint.port &&
           addresses_clash(x.endpoint.host, y.endpoint.host);
}

/// The first binding before `b` that clashes with it, among the earlier ones on its port (only
/// those can: listeners on 10,000 instances would otherwise be 50 million comparisons), or
/// nullptr.
const Binding* first_clash(const std::vector<Binding>& bindings, std::size_t b,
                           const std::vector<std::size_t>& earlier_on_port) {
    for (const std::size_t a : earlier_on_port) {
        if (clash(bindings[a], bindings[b]))
            return &bindings[a];
    }
    return nullptr;
}

/// Reports each binding that clashes with an earlier one, against the first of those only: ten
/// instances on one port are nine errors, not forty-five.
void check_conflicts(const std::vector<Binding>& bindings, Diagnostics& out) {
    std::set<std::tuple<std::string, std::string, std::string, std::string>> reported;
    std::map<int, std::vector<std::size_t>> on_port;  // indices of the bindings read, in order
    for (std::size_t b = 0; b < bindings.size(); ++b) {
        const Binding& y = bindings[b];
        std::vector<std::size_t>& earlier = on_port[y.endpoint.port];
        const Binding* first = first_clash(bindings, b, earlier);
        earlier.push_back(b);
        if (first == nullptr)
            continue;
        const Binding& x = *first;
        if (!reported.insert({x.node, x.service, y.node, y.service}).second)
            continue;
        out.push_back(at(x.place, Severity::error,
                         "listener conflict: " + x.node + " (" + x.service + ", " +
                             to_string(x.endpoint) + ") and " + y.node + " (" + y.service + ", " +
                             to_string(y.endpoint) + ", at " + y.place.text() + ") " +
                             conflict_effect(x, y)));
    }
}

/// Whether `name` is an instance that is not started (neither the primary nor enabled): it hands
/// mail nowhere until it is.
bool idle(const FlowGraph& graph, const std::string& name) {
    const auto node = std::ranges::find(graph.instances, name, &InstanceNode::name);
    return node != graph.instances.end() && !node->primary && !node->enabled;
}

void check_dangling(const FlowGraph& graph, const Locator& locate, Diagnostics& out) {
    for (const Edge& e : graph.edges) {
        if (!e.dangling || (e.from_kind == NodeKind::instance && idle(graph, e.from)))
            continue;
        Place place = locate.endpoint(e.from);
        if (e.from_kind == NodeKind::instance) {
            const auto node = std::ranges::find(graph.instances, e.from, &InstanceNode::name);
            place = locate.hand_off(*node, *e.hand_off);
        }
        out.push_back(at(place, Severity::warning,
                         "dangling hand-off: " + e.from + "'s " + e.parameter + " " + e.value +
                             " sends mail to " + to_string(*e.dangling) +
                             " on this host, where no instance listens (declare it under "
                             "'endpoints:' if something else does)"));
    }
}

/// The edges between instances, by sender, of the senders that are started.
std::map<std::string, std::vector<const Edge*>> instance_edges(const FlowGraph& graph) {
    std::map<std::string, std::vector<const Edge*>> edges;
    for (const Edge& e : graph.edges) {
        if (e.from_kind == NodeKind::instance && e.to_kind == NodeKind::instance &&
            !idle(graph, e.from))
            edges[e.from].push_back(&e);
    }
    return edges;
}

void check_loops(const FlowGraph& graph, const Locator& locate, Diagnostics& out) {
    const auto edges = instance_edges(graph);
    std::set<std::set<std::string>> reported;
    std::vector<const Edge*> path;
    // Depth-first from each instance; a cycle is reported once, at its first instance.
    std::function<void(const std::string&, const std::string&)> walk =
        [&](const std::string& start, const std::string& at_node) {
            const auto found = edges.find(at_node);
            if (found == edges.end())
                return;
            for (const Edge* e : found->second) {
                const bool seen =
                    std::ranges::any_of(path, [&](const Edge* p) { return p->from == e->to; });
                path.push_back(e);
                if (e->to == start) {
                    std::set<std::string> members;
                    std::string text = start;
                    for (const Edge* p : path) {
                        members.insert(p->from);
                        text += " -> " + p->to + " (" + p->parameter + " " + p->value + ")";
                    }
                    if (reported.insert(members).second) {
                        const auto node =
                            std::ranges::find(graph.instances, start, &InstanceNode::name);
                        out.push_back(at(locate.hand_off(*node, *path.front()->hand_off),
                                         Severity::error, "mail loop: " + text));
                    }
                } else if (!seen && e->to != start) {
                    walk(start, e->to);
                }
                path.pop_back();
            }
        };
    for (const InstanceNode& i : graph.instances)
        walk(i.name, i.name);
}

/// The edges that leave each node, found by the node's kind and name: the start-order check asks
/// for every instance's, and a scan of all edges each time was quadratic in the instances.
class EdgesFrom {
  public:
    explicit EdgesFrom(const FlowGraph& graph) {
        for (const Edge& e : graph.edges)
            by_node_[{e.from_kind, e.from}].push_back(&e);
    }

    /// The edges from the node of this kind and name (none when it sends nothing).
    [[nodiscard]] const std::vector<const Edge*>& of(NodeKind kind, const std::string& name) const {
        const auto found = by_node_.find({kind, name});
        return found == by_node_.end() ? none_ : found->second;
    }

  private:
    std::map<std::pair<NodeKind, std::string>, std::vector<const Edge*>> by_node_;
    std::vector<const Edge*> none_;
};

/// The secondaries `sender` hands mail to, directly or through an endpoint, with how.
std::vector<std::pair<std::string, std::string>> receivers_of(const EdgesFrom& edges,
                                                              const std::string& sender) {
    std::vector<std::pair<std::string, std::string>> receivers;
    for (const Edge* e : edges.of(NodeKind::instance, sender)) {
        const std::string how = e->parameter + " " + e->value;
        if (e->to_kind == NodeKind::instance) {
            receivers.emplace_back(e->to, how);
            continue;
        }
        if (e->to_kind != NodeKind::endpoint)
            continue;
        for (const Edge* f : edges.of(NodeKind::endpoint, e->to)) {
            if (f->to_kind == NodeKind::instance)
                receivers.emplace_back(f->to, how + " via " + e->to);
        }
    }
    return receivers;
}

/// The secondaries in an order where every receiver starts before its senders, as close to
/// `names` as that allows (cycles keep their order).
std::vector<std::string> start_order(const std::vector<std::string>& names,
                                     const std::multimap<std::string, std::string>& before) {
    std::vector<std::string> order;
    std::vector<bool> placed(names.size(), false);
    while (order.size() < names.size()) {
        std::size_t pick = names.size();
        for (std::size_t k = 0; k < names.size() && pick == names.size(); ++k) {
            if (placed[k])
                continue;
            const auto [first, last] = before.equal_range(names[k]);
            const bool ready = std::all_of(first, last, [&](const auto& need) {
                return std::ranges::find(order, need.second) != order.end();
            });
            if (ready)
                pick = k;
        }
        if (pick == names.size())  // a cycle: take the first left, as listed
            pick = static_cast<std::size_t>(std::ranges::find(placed, false) - placed.begin());
        placed[pick] = true;
        order.push_back(names[pick]);
    }
    return order;
}

void check_order(const FlowGraph& graph, const Locator& locate, Diagnostics& out) {
    std::vector<std::string> names;
    for (const InstanceNode& i : graph.instances) {
        if (!i.primary)
            names.push_back(i.name);
    }
    auto index = [&](const std::string& name) {
        return std::ranges::find(names, name) - names.begin();
    };
    std::multimap<std::string, std::string> before;  // sender -> receiver it needs started
    std::vector<std::tuple<std::string, std::string, std::string>> late;  // receiver, sender, how
    const EdgesFrom edges(graph);
    for (const InstanceNode& i : graph.instances) {
        if (i.primary || !i.enabled)
            continue;
        // Named, not a structured binding: clang 14 cannot capture those in the lambda below.
        for (const auto& hand_off : receivers_of(edges, i.name)) {
            const std::string& receiver = hand_off.first;
            const std::string& how = hand_off.second;
            if (receiver == i.name || index(receiver) == static_cast<long>(names.size()))
                continue;
            before.emplace(i.name, receiver);
            const bool said = std::ranges::any_of(late, [&](const auto& l) {
                return std::get<0>(l) == receiver && std::get<1>(l) == i.name;
            });
            if (index(receiver) > index(i.name) && !said)  // once a pair, with its first hand-off
                late.emplace_back(receiver, i.name, how);
        }
    }
    if (late.empty())
        return;
    std::string order;
    for (const std::string& name : start_order(names, before))
        order += (order.empty() ? "" : ", ") + name;
    for (const auto& [receiver, sender, how] : late) {
        const auto node = std::ranges::find(graph.instances, receiver, &InstanceNode::name);
        out.push_back(at(locate.fallback(*node, "/main.cf", 0), Severity::warning,
                         "start order: " + receiver + " receives mail from " + sender + " (" + how +
                             ") but starts after it; an instance others hand mail to "
                             "must start before them: list them as " +
                             order));
    }
}

/// An endpoint address of the manifest, or why it is none.
Expected<Endpoint> endpoint_address(const std::string& text) {
    auto address = parse_endpoint(text, ServicesTable());
    if (address && address->host.empty())
        return Expected<Endpoint>::failure("bad address '" + text + "': expected host:port");
    return address;
}

}  // namespace

Diagnostics check_endpoints(const manifest::Manifest& manifest) {
    const Locator locate(manifest);
    Diagnostics out;
    std::set<std::string> names;
    for (const manifest::DesiredInstance& d : manifest.instances)
        names.insert(d.name);
    std::vector<Binding> bindings;
    for (const manifest::ExternalEndpoint& e : manifest.endpoints) {
        if (e.name.empty() || !names.insert(e.name).second) {
            out.push_back(at(locate.at(e.position), Severity::error,
                             "endpoint name '" + e.name +
                                 "' must be given and differ from every instance and endpoint"));
        }
        auto listen = endpoint_address(e.listen);
        if (!listen)
            out.push_back(at(locate.at(e.listen_position), Severity::error, listen.error()));
        else
            bindings.push_back({e.name, "listen", *listen, locate.at(e.position)});
        if (e.forwards_to) {
            if (auto forwards = endpoint_address(*e.forwards_to); !forwards)
                out.push_back(
                    at(locate.at(e.forwards_to_position), Severity::error, forwards.error()));
        }
    }
    // Explicit HOST:PORT/inet services of instances the manifest starts (and of the primary).
    auto add_services = [&](const std::string& node,
                            const std::vector<manifest::DesiredService>& services) {
        for (const manifest::DesiredService& s : services) {
            if (s.type != "inet" || s.absent)
                continue;
            if (auto address = endpoint_address(s.name))
                bindings.push_back({node, s.key(), *address, locate.at(s.position)});
        }
    };
    add_services("primary", manifest.primary_services);
    for (const manifest::DesiredInstance& d : manifest.instances) {
        if (d.state == manifest::DesiredState::present && d.enable.value_or(false))
            add_services(d.name, d.services);
    }
    check_conflicts(bindings, out);
    return out;
}

Diagnostics check_flow(const FlowGraph& graph, const manifest::Manifest& manifest) {
    const Locator locate(manifest);
    Diagnostics out;
    check_conflicts(bindings_of(graph, locate), out);
    check_dangling(graph, locate, out);
    check_loops(graph, locate, out);
    check_order(graph, locate, out);
    return out;
}

}  // namespace pmr::flow
