#include "core/flow/interfaces.h"

#include <algorithm>

#include "core/instance/host_state.h"

namespace pmr::flow {

namespace {

std::string lowercase(std::string_view text) {
    std::string out(text);
    std::ranges::transform(out, out.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return out;
}

std::string_view without_brackets(std::string_view host) {
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
        return host.substr(1, host.size() - 2);
    return host;
}

bool is_ipv4_literal(std::string_view host) {
    return !host.empty() &&
           std::ranges::all_of(host, [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

bool is_ipv6_literal(std::string_view host) {
    return host.find(':') != std::string_view::npos;
}

/// Whether a listener on `host` can be reached through the wildcard of `family` (ipv4 or not).
bool in_family(std::string_view host, bool ipv4) {
    if (is_ipv4_literal(host))
        return ipv4;
    if (is_ipv6_literal(host))
        return !ipv4;
    return true;  // a host name: either
}

}  // namespace

Protocols parse_protocols(std::string_view inet_protocols) {
    Protocols protocols{false, false};
    for (const std::string& word : instance::split_list(inet_protocols)) {
        const std::string w = lowercase(word);
        if (w == "all") {
            protocols = {true, true};
        } else if (w == "ipv4") {
            protocols.ipv4 = true;
        } else if (w == "ipv6") {
            protocols.ipv6 = true;
        }
    }
    if (!protocols.ipv4 && !protocols.ipv6)
        protocols.ipv4 = true;
    return protocols;
}

std::vector<std::string> expand_interfaces(std::string_view inet_interfaces, Protocols protocols) {
    std::vector<std::string> addresses;
    auto add = [&](std::string_view address) {
        const bool wanted = is_ipv4_literal(address)   ? protocols.ipv4
                            : is_ipv6_literal(address) ? protocols.ipv6
                                                       : true;
        if (wanted && std::ranges::find(addresses, address) == addresses.end())
            addresses.emplace_back(address);
    };
    for (const std::string& word : instance::split_list(inet_interfaces)) {
        const std::string w = lowercase(word);
        if (w == "all") {
            add(any_ipv4);
            add(any_ipv6);
        } else if (w == "loopback-only" || w == "localhost") {
            add("127.0.0.1");
            add("::1");
        } else {
            add(without_brackets(word));
        }
    }
    return addresses;
}

bool is_wildcard(std::string_view host) {
    return host == any_ipv4 || host == any_ipv6;
}

bool is_loopback(std::string_view host) {
    host = without_brackets(host);
    return host.starts_with("127.") || host == "::1" || lowercase(host) == "localhost";
}

bool addresses_clash(std::string_view a, std::string_view b) {
    if (a == b)
        return true;
    if (a == any_ipv4 || b == any_ipv4)
        return in_family(a == any_ipv4 ? b : a, true);
    if (a == any_ipv6 || b == any_ipv6)
        return in_family(a == any_ipv6 ? b : a, false);
    return false;
}

bool reaches(std::string_view host, std::string_view bound,
             const std::vector<std::string>& local_addresses) {
    host = without_brackets(host);
    if (lowercase(host) == "localhost")
        return reaches("127.0.0.1", bound, local_addresses) ||
               reaches("::1", bound, local_addresses);
    if (host == bound)
        return true;
    if (!is_wildcard(bound))
        return false;
    const bool local =
        is_loopback(host) || std::ranges::find(local_addresses, host) != local_addresses.end();
    return local && in_family(host, bound == any_ipv4);
}

}  // namespace pmr::flow
