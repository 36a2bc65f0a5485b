#include "core/flow/host_flow.h"

namespace pmr::flow {

namespace {

/// The node of `instance`, read from the files `host` holds.
InstanceNode instance_node(const instance::Instance& instance, const lifecycle::SimulatedHost& host,
                           const maincf::ParameterDefaults& defaults, const ServicesTable& services,
                           Diagnostics& problems) {
    InstanceNode node;
    node.name = instance.name.empty() && instance.primary ? "primary" : instance.label();
    node.config_directory = instance.config_directory;
    node.primary = instance.primary;
    node.enabled = instance.enabled;
    const std::string dir = instance.config_directory;
    const maincf::MainCf* main_cf = host.main_cf(dir + "/main.cf");
    if (main_cf == nullptr)
        return node;
    const maincf::Configuration config = instance.primary
                                             ? maincf::Configuration(*main_cf, defaults)
                                             : maincf::Configuration(*main_cf, defaults, dir);
    // The planner's parse when it read this master.cf, one parse for all equal files otherwise.
    static const mastercf::MasterCf none;
    const mastercf::MasterCf* master_cf = host.master_cf(dir + "/master.cf");
    if (master_cf == nullptr)
        master_cf = &none;
    node.listeners = listeners_of(*master_cf, config, services, problems);
    node.hand_offs = hand_offs_of(config, *master_cf, services);
    return node;
}

}  // namespace

std::vector<EndpointNode> endpoint_nodes(const manifest::Manifest& manifest) {
    const ServicesTable numeric_only;
    std::vector<EndpointNode> nodes;
    for (const manifest::ExternalEndpoint& e : manifest.endpoints) {
        auto listen = parse_endpoint(e.listen, numeric_only);
        if (!listen || listen->host.empty())
            continue;
        EndpointNode node{e.name, *listen, std::nullopt};
        if (e.forwards_to) {
            auto forwards = parse_endpoint(*e.forwards_to, numeric_only);
            if (!forwards || forwards->host.empty())
                continue;
            node.forwards_to = *forwards;
        }
        nodes.push_back(std::move(node));
    }
    return nodes;
}

FlowGraph graph_of_host(const lifecycle::SimulatedHost& host,
                        const maincf::ParameterDefaults& defaults, const ServicesTable& services,
                        std::vector<EndpointNode> endpoints, Diagnostics& problems) {
    std::vector<InstanceNode> instances;
    Diagnostics ignored;  // the planner reports what is wrong with the instances themselves
    if (const auto state = host.shared_state(ignored)) {
        for (const instance::Instance& i : state->instances)
            instances.push_back(instance_node(i, host, defaults, services, problems));
    }
    return build_graph(std::move(instances), std::move(endpoints));
}

}  // namespace pmr::flow
