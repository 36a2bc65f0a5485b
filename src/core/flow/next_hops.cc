#include "core/flow/next_hops.h"

#include <algorithm>

#include "core/instance/host_state.h"
#include "core/mastercf/service.h"

namespace pmr::flow {

namespace {

/// `smtp` or `lmtp` when `transport` delivers over SMTP or LMTP, else empty.
std::string_view protocol_of(std::string_view transport, const mastercf::MasterCf& master_cf) {
    if (const mastercf::Entry* entry = master_cf.find(transport, "unix")) {
        const std::string& command = entry->service.command();
        if (command == "smtp" || command == "lmtp")
            return command;
        return {};
    }
    if (transport == "smtp" || transport == "relay")
        return "smtp";
    if (transport == "lmtp")
        return "lmtp";
    return {};
}

/// The host and port of a next hop, as protocol_of() says it is reached.
std::optional<HandOff> address_hop(std::string_view nexthop, std::string_view protocol,
                                   const ServicesTable& services) {
    if (nexthop.starts_with("inet:"))
        nexthop.remove_prefix(5);
    else if (nexthop.starts_with("unix:") || (protocol == "lmtp" && nexthop.starts_with("/")))
        return std::nullopt;  // a local socket: no TCP peer
    const int default_port = services.port(protocol).value_or(protocol == "lmtp" ? 24 : 25);
    HandOff hop;
    hop.kind = HopKind::address;
    hop.mx_lookup = !nexthop.starts_with("[");
    std::string_view host = nexthop;
    std::string_view port;
    if (!hop.mx_lookup) {
        const auto close = nexthop.find(']');
        if (close == std::string_view::npos)
            return std::nullopt;
        host = nexthop.substr(1, close - 1);
        if (close + 1 < nexthop.size()) {
            if (nexthop[close + 1] != ':')
                return std::nullopt;
            port = nexthop.substr(close + 2);
        }
    } else if (const auto colon = nexthop.rfind(':'); colon != std::string_view::npos) {
        host = nexthop.substr(0, colon);
        port = nexthop.substr(colon + 1);
    }
    if (host.empty())
        return std::nullopt;
    int number = default_port;
    if (!port.empty()) {
        auto parsed = parse_port(port, services);
        if (!parsed)
            return std::nullopt;
        number = *parsed;
    }
    hop.endpoint = Endpoint{std::string(host), number};
    return hop;
}

/// The entries of an `inline:{...}` table: `key=value` or `{ key = value }`, as written.
std::vector<std::string> inline_entries(std::string_view body) {
    std::vector<std::string> entries;
    for (std::string entry : split_tables(body)) {
        if (entry.size() >= 2 && entry.front() == '{' && entry.back() == '}')
            entry = entry.substr(1, entry.size() - 2);
        const auto equals = entry.find('=');
        if (equals == std::string::npos)
            continue;
        auto trim = [](std::string_view s) {
            const auto first = s.find_first_not_of(" \t");
            const auto last = s.find_last_not_of(" \t");
            return first == std::string_view::npos ? std::string()
                                                   : std::string(s.substr(first, last - first + 1));
        };
        entries.push_back(trim(std::string_view(entry).substr(0, equals)) + "=" +
                          trim(std::string_view(entry).substr(equals + 1)));
    }
    return entries;
}

std::string_view inside_braces(std::string_view text) {
    if (text.size() >= 2 && text.front() == '{' && text.back() == '}')
        return text.substr(1, text.size() - 2);
    return text;
}

/// The hand-offs of one transport_maps table.
void add_table(std::vector<HandOff>& out, const std::string& parameter, const std::string& table,
               const mastercf::MasterCf& master_cf, const ServicesTable& services,
               std::string_view default_transport) {
    auto add_hop = [&](const std::string& value, std::string_view hop_text) {
        if (auto hop = parse_hop(hop_text, master_cf, services, default_transport)) {
            hop->parameter = parameter;
            hop->value = value;
            out.push_back(std::move(*hop));
        }
    };
    if (table.starts_with("inline:")) {
        for (const std::string& entry : inline_entries(inside_braces(table.substr(7))))
            add_hop(entry, std::string_view(entry).substr(entry.find('=') + 1));
    } else if (table.starts_with("static:")) {
        const std::string value(inside_braces(std::string_view(table).substr(7)));
        add_hop(table, value);
    } else {
        HandOff hop;
        hop.parameter = parameter;
        hop.value = table;
        hop.kind = HopKind::table;
        hop.table = table;
        out.push_back(std::move(hop));
    }
}

/// The hand-offs `value` of `parameter` makes.
void add_setting(std::vector<HandOff>& out, std::string_view parameter, const std::string& value,
                 const mastercf::MasterCf& master_cf, const ServicesTable& services,
                 std::string_view default_transport, const std::string& label) {
    if (value.find_first_not_of(" \t") == std::string::npos)
        return;  // empty: the setting hands nothing anywhere (`-o content_filter=` turns it off)
    if (parameter == "transport_maps") {
        for (const std::string& table : split_tables(value))
            add_table(out, label, table, master_cf, services, default_transport);
        return;
    }
    const bool relay_host = parameter == "relayhost";
    for (const std::string& word :
         relay_host ? instance::split_list(value) : std::vector<std::string>{value}) {
        auto hop = relay_host ? parse_relay_host(word, services)
                              : parse_hop(word, master_cf, services, default_transport);
        if (!hop)
            continue;
        hop->parameter = label;
        hop->value = word;
        out.push_back(std::move(*hop));
    }
}

}  // namespace

const std::vector<std::string_view>& hand_off_parameters() {
    static const std::vector<std::string_view> names = {"relayhost",       "default_transport",
                                                        "relay_transport", "virtual_transport",
                                                        "content_filter",  "transport_maps"};
    return names;
}

std::optional<HandOff> parse_hop(std::string_view text, const mastercf::MasterCf& master_cf,
                                 const ServicesTable& services,
                                 std::string_view default_transport) {
    const auto colon = text.find(':');
    std::string_view transport = text.substr(0, colon);
    const std::string_view nexthop =
        colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
    if (transport.empty())
        transport = default_transport.substr(0, default_transport.find(':'));
    const std::string_view protocol = protocol_of(transport, master_cf);
    if (protocol.empty())
        return std::nullopt;
    if (nexthop.empty()) {
        if (protocol != "smtp")
            return std::nullopt;
        HandOff hop;
        hop.kind = HopKind::mx;
        return hop;
    }
    return address_hop(nexthop, protocol, services);
}

std::optional<HandOff> parse_relay_host(std::string_view nexthop, const ServicesTable& services) {
    return address_hop(nexthop, "smtp", services);
}

std::vector<std::string> split_tables(std::string_view value) {
    std::vector<std::string> tables;
    std::string current;
    int depth = 0;
    for (const char c : value) {
        const bool separator = depth == 0 && (c == ',' || c == ' ' || c == '\t' || c == '\n');
        if (separator) {
            if (!current.empty())
                tables.push_back(std::move(current));
            current.clear();
            continue;
        }
        depth += c == '{' ? 1 : c == '}' && depth > 0 ? -1 : 0;
        current.push_back(c);
    }
    if (!current.empty())
        tables.push_back(std::move(current));
    return tables;
}

std::vector<HandOff> hand_offs_of(const maincf::Configuration& config,
                                  const mastercf::MasterCf& master_cf,
                                  const ServicesTable& services) {
    std::vector<HandOff> out;
    std::string default_transport = config.expanded_or("default_transport", "smtp");
    if (default_transport.empty())
        default_transport = "smtp";  // Postfix's default, where the defaults given lack it
    const bool relay_host = !config.expanded_or("relayhost", "").empty();
    for (const std::string_view name : hand_off_parameters()) {
        // default_transport counts also as its default, where no relayhost replaces its next hop.
        const bool implicit = name == "default_transport" && !relay_host;
        if (!config.main_cf().get(name) && !implicit)
            continue;
        const std::size_t first = out.size();
        const std::string value =
            name == "default_transport" ? default_transport : config.expanded_or(name, "");
        add_setting(out, name, value, master_cf, services, default_transport, std::string(name));
        // `smtp` without a next hop goes to the relayhost when there is one: that edge is shown.
        if (name == "default_transport" && relay_host && out.size() > first &&
            out.back().kind == HopKind::mx)
            out.pop_back();
    }
    for (const mastercf::Entry& entry : master_cf.entries()) {
        for (const mastercf::ServiceParameter& p : mastercf::parameters_of(entry.service)) {
            if (std::ranges::find(hand_off_parameters(), p.name) == hand_off_parameters().end())
                continue;
            const maincf::Expansion value = maincf::expand(p.value, config);
            const std::size_t first = out.size();
            add_setting(out, p.name, value.ok() ? value.value : p.value, master_cf, services,
                        default_transport,
                        entry.service.name() + "/" + entry.service.type_text() + " -o " + p.name);
            for (std::size_t k = first; k < out.size(); ++k)
                out[k].master_cf_line = entry.line;
        }
    }
    return out;
}

}  // namespace pmr::flow
