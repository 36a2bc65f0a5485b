#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/flow/endpoint.h"
#include "core/maincf/configuration.h"
#include "core/mastercf/master_cf.h"

namespace pmr::flow {

/// Where a hand-off sends mail.
enum class HopKind {
    address,  ///< a host (with or without MX lookup) and port
    mx,       ///< an SMTP transport without a next hop: the recipient domain's MX hosts
    table,    ///< a lookup table that is not opened (hash:, lmdb:, network maps, ...)
};

/// One place an instance hands mail to, and the setting that makes it.
struct HandOff {
    /// The parameter (`default_transport`), or a service's override
    /// (`smtp/inet -o content_filter`).
    std::string parameter;
    std::string value;  ///< as expanded (`smtp:[127.0.0.1]:10025`; `KEY=VALUE` of an inline table)
    HopKind kind = HopKind::address;
    Endpoint endpoint;       ///< for HopKind::address
    bool mx_lookup = false;  ///< for HopKind::address: the host was given without brackets
    std::string table;       ///< for HopKind::table: `hash:/etc/postfix/transport`
    int master_cf_line = 0;  ///< of the service, for an override
    friend bool operator==(const HandOff&, const HandOff&) = default;
};

/// The main.cf parameters (and master.cf `-o` overrides) that hand mail to another place.
[[nodiscard]] const std::vector<std::string_view>& hand_off_parameters();

/// What `transport:nexthop` means as a hand-off, or nullopt when it hands mail to no SMTP or
/// LMTP peer (`error:`, `local`, `discard:`, a pipe service, an LMTP socket). The transport is
/// SMTP or LMTP when it is `smtp`, `relay` or `lmtp`, or a master.cf service whose command is
/// smtp or lmtp. Next hops: `[host]:port` (no MX lookup), `host:port`, `[host]`, `host`,
/// `inet:host:port` (LMTP's form); the default port is smtp's (25) or lmtp's (24).
/// `transport:` alone is HopKind::mx for SMTP. `default_transport` names the transport of a
/// `:nexthop` without one. Only kind, endpoint and mx_lookup are filled in.
[[nodiscard]] std::optional<HandOff> parse_hop(std::string_view transport_and_nexthop,
                                               const mastercf::MasterCf& master_cf,
                                               const ServicesTable& services,
                                               std::string_view default_transport = "smtp");

/// The relayhost form: `[host]:port`, `host` ... each an SMTP next hop.
[[nodiscard]] std::optional<HandOff> parse_relay_host(std::string_view nexthop,
                                                      const ServicesTable& services);

/// Splits a list of lookup tables at commas and white space outside `{...}`.
[[nodiscard]] std::vector<std::string> split_tables(std::string_view value);

/// Every hand-off of an instance: each parameter of hand_off_parameters() that its main.cf sets,
/// expanded with `config` (default_transport also at its default, unless a relayhost takes its
/// next hop: an instance without hand-offs sends to the recipient's MX, and the graph says so);
/// `transport_maps` with `inline:{...}` and `static:...` read entry by entry and any other
/// table as a HopKind::table; then each master.cf service's `-o` overrides of those parameters,
/// in file order.
[[nodiscard]] std::vector<HandOff> hand_offs_of(const maincf::Configuration& config,
                                                const mastercf::MasterCf& master_cf,
                                                const ServicesTable& services);

}  // namespace pmr::flow
