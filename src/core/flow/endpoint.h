#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "core/support/expected.h"

namespace pmr::flow {

/// The TCP ports of /etc/services by service name (aliases included), as the text of that file
/// gives them: a value, so that the core never opens the file. effects/ reads it and passes it in.
class ServicesTable {
  public:
    /// Reads `text` in services(5) form (`name port/protocol aliases... # comment`); lines that do
    /// not fit are skipped, as getservbyname() skips them. Only `tcp` entries count. The first
    /// entry of a name wins, as in the C library.
    [[nodiscard]] static ServicesTable parse(std::string_view text);

    /// The port of the TCP service `name`, or nullopt.
    [[nodiscard]] std::optional<int> port(std::string_view name) const;

    /// Adds `name` (when it is not there yet): for tests, and for the two names Postfix needs
    /// when the file lacks them.
    void add(std::string name, int port);

  private:
    std::map<std::string, int, std::less<>> ports_;
};

/// The lowest and the highest TCP port.
inline constexpr int min_port = 1;
inline constexpr int max_port = 65535;

/// An address and a TCP port: where something listens or where mail is sent.
///
/// `host` is an IP address (IPv6 without brackets), a host name, or empty for "every address"
/// (a master.cf service without a host: inet_interfaces decides).
struct Endpoint {
    std::string host;
    int port = 0;
    friend bool operator==(const Endpoint&, const Endpoint&) = default;
    friend auto operator<=>(const Endpoint&, const Endpoint&) = default;
};

/// A port: a number from 1 to 65535 (digits only), or a name of `services`.
[[nodiscard]] Expected<int> parse_port(std::string_view text, const ServicesTable& services);

/// Parses what master.cf's service field and Postfix's host_port() accept: `host:port`,
/// `[host]:port` (IPv6 in brackets: `[::1]:25`), an unbracketed IPv6 address split at its last
/// colon (`::1:25`), or a bare port (`*:port` too: every address). A port may be a service name of
/// `services`. Fails with why, quoting `text`.
[[nodiscard]] Expected<Endpoint> parse_endpoint(std::string_view text,
                                                const ServicesTable& services);

/// Whether `host` is an IPv6 address literal (it has a colon).
[[nodiscard]] bool is_ipv6(std::string_view host);

/// `host:port`, with an IPv6 host in brackets (`[::1]:25`) and a bare port for an empty host:
/// parse_endpoint() reads it back to the same Endpoint.
[[nodiscard]] std::string to_string(const Endpoint& endpoint);

}  // namespace pmr::flow
