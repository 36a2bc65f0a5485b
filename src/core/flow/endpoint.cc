#include "core/flow/endpoint.h"

#include <algorithm>
#include <cctype>
#include <vector>

namespace pmr::flow {

namespace {

bool all_digits(std::string_view text) {
    return !text.empty() && std::ranges::all_of(text, [](char c) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0;
    });
}

/// The white-space separated words of one line of /etc/services, up to a `#`.
std::vector<std::string_view> words_of(std::string_view line) {
    if (const auto hash = line.find('#'); hash != std::string_view::npos)
        line = line.substr(0, hash);
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])) != 0)
            ++i;
        const std::size_t start = i;
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])) == 0)
            ++i;
        if (i > start)
            words.push_back(line.substr(start, i - start));
    }
    return words;
}

/// The port of `port/protocol` when the protocol is tcp and the port valid, else nullopt.
std::optional<int> tcp_port(std::string_view field) {
    const auto slash = field.find('/');
    if (slash == std::string_view::npos || field.substr(slash + 1) != "tcp")
        return std::nullopt;
    const std::string_view digits = field.substr(0, slash);
    if (!all_digits(digits) || digits.size() > 5)
        return std::nullopt;
    const int port = std::stoi(std::string(digits));
    if (port < min_port || port > max_port)
        return std::nullopt;
    return port;
}

}  // namespace

ServicesTable ServicesTable::parse(std::string_view text) {
    ServicesTable table;
    std::size_t start = 0;
    while (start <= text.size()) {
        const auto end = std::min(text.find('\n', start), text.size());
        const std::vector<std::string_view> words = words_of(text.substr(start, end - start));
        start = end + 1;
        if (words.size() < 2)
            continue;
        const std::optional<int> port = tcp_port(words[1]);
        if (!port)
            continue;
        table.add(std::string(words[0]), *port);
        for (std::size_t k = 2; k < words.size(); ++k)
            table.add(std::string(words[k]), *port);
    }
    return table;
}

std::optional<int> ServicesTable::port(std::string_view name) const {
    if (const auto found = ports_.find(name); found != ports_.end())
        return found->second;
    return std::nullopt;
}

void ServicesTable::add(std::string name, int port) {
    ports_.try_emplace(std::move(name), port);
}

Expected<int> parse_port(std::string_view text, const ServicesTable& services) {
    if (text.empty())
        return Expected<int>::failure("missing port");
    if (all_digits(text)) {
        // Past five significant digits it cannot be a port, and would overflow stoi.
        std::string_view digits = text;
        while (digits.size() > 1 && digits.front() == '0')
            digits.remove_prefix(1);
        const int port = digits.size() > 5 ? 0 : std::stoi(std::string(digits));
        if (port < min_port || port > max_port)
            return Expected<int>::failure("port " + std::string(text) +
                                          " is not between 1 and 65535");
        return port;
    }
    if (const auto port = services.port(text))
        return *port;
    return Expected<int>::failure("unknown service name '" + std::string(text) +
                                  "' (not a tcp service of /etc/services)");
}

Expected<Endpoint> parse_endpoint(std::string_view text, const ServicesTable& services) {
    using Result = Expected<Endpoint>;
    const auto fail = [&](const std::string& why) {
        return Result::failure("bad address '" + std::string(text) + "': " + why);
    };
    std::string_view host;
    std::string_view port = text;
    if (!text.empty() && text.front() == '[') {
        const auto close = text.find(']');
        if (close == std::string_view::npos)
            return fail("missing ']'");
        host = text.substr(1, close - 1);
        if (host.empty())
            return fail("empty host in brackets");
        if (close + 1 >= text.size() || text[close + 1] != ':')
            return fail("expected ':port' after ']'");
        port = text.substr(close + 2);
    } else if (const auto colon = text.rfind(':'); colon != std::string_view::npos) {
        host = text.substr(0, colon);
        port = text.substr(colon + 1);
        if (host.empty())
            return fail("empty host before ':'");
    }
    if (host == "*")
        host = {};  // every address, as for a bare port
    if (host.find_first_of("[] \t") != std::string_view::npos)
        return fail("bad host '" + std::string(host) + "'");
    auto number = parse_port(port, services);
    if (!number)
        return fail(number.error());
    return Endpoint{std::string(host), *number};
}

bool is_ipv6(std::string_view host) {
    return host.find(':') != std::string_view::npos;
}

std::string to_string(const Endpoint& endpoint) {
    const std::string port = std::to_string(endpoint.port);
    if (endpoint.host.empty())
        return port;
    if (is_ipv6(endpoint.host))
        return "[" + endpoint.host + "]:" + port;
    return endpoint.host + ":" + port;
}

}  // namespace pmr::flow
