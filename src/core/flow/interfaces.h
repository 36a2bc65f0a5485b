#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pmr::flow {

/// Which address families Postfix uses: `inet_protocols`.
struct Protocols {
    bool ipv4 = true;
    bool ipv6 = false;
    friend bool operator==(const Protocols&, const Protocols&) = default;
};

/// Reads `inet_protocols` (expanded): `all`, `ipv4`, `ipv6`, or a list of them. An empty or
/// unreadable value means ipv4 alone (what Postfix falls back to when it has no IPv6).
[[nodiscard]] Protocols parse_protocols(std::string_view inet_protocols);

/// The wildcard addresses a master binds for `all`.
inline constexpr std::string_view any_ipv4 = "0.0.0.0";
inline constexpr std::string_view any_ipv6 = "::";

/// The addresses a master binds for its inet services without a host, from `inet_interfaces`
/// (expanded) as Postfix reads it: `all` is the wildcard of each protocol (0.0.0.0, ::);
/// `loopback-only` is 127.0.0.1 and ::1 (as protocols allow); `localhost` too; otherwise a list
/// of addresses or host names (commas or white space), IPv6 in brackets or not, brackets removed.
/// Addresses of a family that `protocols` turns off are left out.
[[nodiscard]] std::vector<std::string> expand_interfaces(std::string_view inet_interfaces,
                                                         Protocols protocols);

/// Whether `host` is a wildcard address (0.0.0.0 or ::).
[[nodiscard]] bool is_wildcard(std::string_view host);

/// Whether `host` is a loopback address (127.0.0.0/8, ::1) or `localhost`.
[[nodiscard]] bool is_loopback(std::string_view host);

/// Whether two listeners on the same port, one on `a` and one on `b`, cannot both bind: the same
/// address, or a wildcard and an address of its family (Postfix binds IPv6 sockets IPv6-only, so
/// 0.0.0.0 and :: do not clash). A host name is taken as clashing with both wildcards and with
/// itself only (it is not resolved). An empty host is never given here (expand it first).
[[nodiscard]] bool addresses_clash(std::string_view a, std::string_view b);

/// Whether mail sent to `host` reaches a listener bound to `bound`: the same address (`localhost`
/// counts as 127.0.0.1 and ::1), or a wildcard of its family when `host` is a local address
/// (loopback, or one a listener of this host binds explicitly, given in `local_addresses`).
[[nodiscard]] bool reaches(std::string_view host, std::string_view bound,
                           const std::vector<std::string>& local_addresses);

}  // namespace pmr::flow
