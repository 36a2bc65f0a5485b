#include "core/flow/graph_format.h"

#include "core/support/json_writer.h"

namespace pmr::flow {

namespace {

/// The listeners of `node` as `ADDRESS:PORT (SERVICE)`, joined by `separator`.
std::string listener_list(const InstanceNode& node, std::string_view separator) {
    std::string text;
    for (const Listener& l : node.listeners) {
        text += (text.empty() ? "" : std::string(separator)) + to_string(l.endpoint) + " (" +
                l.service + ")";
    }
    return text;
}

/// `text` as a DOT string: quoted, `"` and `\` escaped, a newline as DOT's `\n` line break.
std::string dot_quote(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        if (c == '"' || c == '\\')
            out.push_back('\\');
        out.push_back(c);
    }
    return out + "\"";
}

/// A node's id: its kind and name, so that an instance and a remote host never share one.
std::string dot_id(NodeKind kind, std::string_view name) {
    return dot_quote(std::string(to_string(kind)) + ":" + std::string(name));
}

std::string_view dot_shape(NodeKind kind) {
    switch (kind) {
        case NodeKind::instance:
            return "box";
        case NodeKind::endpoint:
            return "hexagon";
        case NodeKind::remote:
            return "ellipse";
        case NodeKind::table:
            return "cylinder";
    }
    return "box";
}

std::string dot_node(NodeKind kind, std::string_view name, const std::string& label) {
    return "    " + dot_id(kind, name) + " [shape=" + std::string(dot_shape(kind)) +
           ", label=" + dot_quote(label) + "];\n";
}

std::string instance_title(const InstanceNode& i) {
    return i.name + (i.enabled || i.primary ? "" : " (disabled)");
}

}  // namespace

std::string render_text(const FlowGraph& graph) {
    std::string out;
    for (const InstanceNode& i : graph.instances) {
        out += "instance " + instance_title(i);
        out += i.listeners.empty() ? " listens nowhere\n"
                                   : " listens on " + listener_list(i, ", ") + "\n";
    }
    for (const EndpointNode& e : graph.endpoints)
        out += "endpoint " + e.name + " listens on " + to_string(e.listen) + "\n";
    for (const Edge& e : graph.edges) {
        out += "edge " + e.from + " -> " + e.to + ": " + e.parameter + " " + e.value;
        out += e.dangling ? " (nobody listens there)\n" : "\n";
    }
    return out;
}

std::string render_json(const FlowGraph& graph) {
    JsonWriter json;
    json.begin_object().key("format_version").value(graph_format_version);
    json.key("instances").begin_array();
    for (const InstanceNode& i : graph.instances) {
        json.begin_object().key("name").value(i.name);
        json.key("config_directory").value(i.config_directory);
        json.key("primary").value(i.primary).key("enabled").value(i.enabled || i.primary);
        json.key("listeners").begin_array();
        for (const Listener& l : i.listeners) {
            json.begin_object().key("address").value(l.endpoint.host);
            json.key("port").value(l.endpoint.port).key("service").value(l.service);
            json.end_object();
        }
        json.end_array().end_object();
    }
    json.end_array().key("endpoints").begin_array();
    for (const EndpointNode& e : graph.endpoints) {
        json.begin_object().key("name").value(e.name).key("listen").value(to_string(e.listen));
        json.key("forwards_to")
            .value(e.forwards_to ? std::optional<std::string>(to_string(*e.forwards_to))
                                 : std::nullopt);
        json.end_object();
    }
    json.end_array().key("remotes").begin_array();
    for (const std::string& r : graph.remotes)
        json.value(r);
    json.end_array().key("tables").begin_array();
    for (const std::string& t : graph.tables)
        json.value(t);
    json.end_array().key("edges").begin_array();
    for (const Edge& e : graph.edges) {
        json.begin_object().key("from").value(e.from);
        json.key("from_kind").value(to_string(e.from_kind));
        json.key("to").value(e.to).key("to_kind").value(to_string(e.to_kind));
        json.key("parameter").value(e.parameter).key("value").value(e.value);
        json.key("dangling").value(e.dangling.has_value()).end_object();
    }
    json.end_array().end_object();
    return json.str() + "\n";
}

std::string render_dot(const FlowGraph& graph) {
    std::string out =
        "digraph mail_flow {\n    rankdir=LR;\n    node [fontname=\"sans-serif\"];\n"
        "    edge [fontname=\"sans-serif\", fontsize=10];\n";
    for (const InstanceNode& i : graph.instances) {
        const std::string listens =
            i.listeners.empty() ? "listens nowhere" : listener_list(i, "\n");
        out += dot_node(NodeKind::instance, i.name, instance_title(i) + "\n" + listens);
    }
    for (const EndpointNode& e : graph.endpoints)
        out += dot_node(NodeKind::endpoint, e.name, e.name + "\n" + to_string(e.listen));
    for (const std::string& r : graph.remotes)
        out += dot_node(NodeKind::remote, r, r);
    for (const std::string& t : graph.tables)
        out += dot_node(NodeKind::table, t, t);
    for (const Edge& e : graph.edges) {
        out += "    " + dot_id(e.from_kind, e.from) + " -> " + dot_id(e.to_kind, e.to) +
               " [label=" + dot_quote(e.parameter + "\n" + e.value) +
               (e.dangling ? ", style=dashed, color=red" : "") + "];\n";
    }
    return out + "}\n";
}

}  // namespace pmr::flow
