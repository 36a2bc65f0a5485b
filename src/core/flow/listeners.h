#pragma once

#include <string>
#include <vector>

#include "core/flow/endpoint.h"
#include "core/maincf/configuration.h"
#include "core/mastercf/master_cf.h"
#include "core/support/diagnostic.h"

namespace pmr::flow {

/// One socket an instance's master binds: the address (never empty: inet_interfaces expanded),
/// the port, and the master.cf service that makes it.
struct Listener {
    Endpoint endpoint;
    std::string service;  ///< `NAME/inet` as postconf -M keys it, NAME as written
    int line = 0;         ///< of the entry in master.cf
    friend bool operator==(const Listener&, const Listener&) = default;
};

/// Whether master_service_disable (expanded) turns off the service `name` of type `type`: the
/// list names `name/type`, or the type alone (`inet` turns off every inet service).
[[nodiscard]] bool service_disabled(std::string_view master_service_disable, std::string_view name,
                                    std::string_view type);

/// The inet listeners of an instance: each `inet` service of `master_cf` that
/// master_service_disable leaves on (commented-out lines are no entries), its name expanded with
/// `config` (`$name` references) and read as parse_endpoint() reads it; a service without a host
/// binds every address of inet_interfaces (expanded with inet_protocols). A name that is no
/// address is reported in `problems` at its master.cf line, and skipped.
[[nodiscard]] std::vector<Listener> listeners_of(const mastercf::MasterCf& master_cf,
                                                 const maincf::Configuration& config,
                                                 const ServicesTable& services,
                                                 Diagnostics& problems);

}  // namespace pmr::flow
