#include "core/flow/listeners.h"

#include "core/flow/interfaces.h"
#include "core/instance/host_state.h"

namespace pmr::flow {

bool service_disabled(std::string_view master_service_disable, std::string_view name,
                      std::string_view type) {
    for (const std::string& word : instance::split_list(master_service_disable)) {
        const auto slash = word.rfind('/');
        if (slash == std::string::npos) {
            if (word == type)
                return true;
        } else if (std::string_view(word).substr(0, slash) == name &&
                   std::string_view(word).substr(slash + 1) == type) {
            return true;
        }
    }
    return false;
}

std::vector<Listener> listeners_of(const mastercf::MasterCf& master_cf,
                                   const maincf::Configuration& config,
                                   const ServicesTable& services, Diagnostics& problems) {
    const std::string disabled = config.expanded_or("master_service_disable", "");
    std::string protocols = config.expanded_or("inet_protocols", "");
    if (protocols.empty())
        protocols = "all";  // Postfix's default since 3.0, when the defaults do not say
    const std::vector<std::string> interfaces =
        expand_interfaces(config.expanded_or("inet_interfaces", "all"), parse_protocols(protocols));
    std::vector<Listener> listeners;
    for (const mastercf::Entry& entry : master_cf.entries()) {
        const mastercf::Service& service = entry.service;
        if (service.type_text() != "inet" || service_disabled(disabled, service.name(), "inet"))
            continue;
        const maincf::Expansion name = maincf::expand(service.name(), config);
        auto endpoint = parse_endpoint(name.ok() ? name.value : service.name(), services);
        if (!endpoint) {
            problems.push_back(make_warning(master_cf.path(), entry.line, 0,
                                            service.name() + "/inet: " + endpoint.error()));
            continue;
        }
        const std::string key = service.name() + "/inet";
        if (!endpoint->host.empty()) {
            listeners.push_back({*endpoint, key, entry.line});
            continue;
        }
        for (const std::string& address : interfaces)
            listeners.push_back({Endpoint{address, endpoint->port}, key, entry.line});
    }
    return listeners;
}

}  // namespace pmr::flow
