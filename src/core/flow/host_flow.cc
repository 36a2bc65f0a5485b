#include "core/flow/host_flow.h"

#include <string_view>
#include <unordered_map>

namespace pmr::flow {

namespace {

/// Parsed master.cf files by content: most instances of a host carry the same master.cf (the
/// prototype postmulti copies), and 1,000 parses of it were a third of a big host's plan.
using MasterCfCache = std::unordered_map<std::string_view, mastercf::MasterCf>;

/// The node of `instance`, read from the files `host` holds.
InstanceNode instance_node(const instance::Instance& instance, const lifecycle::SimulatedHost& host,
                           const maincf::ParameterDefaults& defaults, const ServicesTable& services,
                           MasterCfCache& parsed, Diagnostics& problems) {
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
    const std::string path = dir + "/master.cf";
    const std::string* master_text = host.file(path);
    static const mastercf::MasterCf none;
    const mastercf::MasterCf* master_cf = &none;
    if (master_text != nullptr) {
        auto found = parsed.find(*master_text);
        if (found == parsed.end())
            found =
                parsed.emplace(*master_text, mastercf::MasterCf::parse(*master_text, path)).first;
        master_cf = &found->second;
    }
    const std::size_t first_problem = problems.size();
    node.listeners = listeners_of(*master_cf, config, services, problems);
    for (std::size_t k = first_problem; k < problems.size(); ++k)
        problems[k].path = path;  // the cached parse may be another instance's equal file
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
    MasterCfCache parsed;
    if (const auto state = host.shared_state(ignored)) {
        for (const instance::Instance& i : state->instances)
            instances.push_back(instance_node(i, host, defaults, services, parsed, problems));
    }
    return build_graph(std::move(instances), std::move(endpoints));
}

}  // namespace pmr::flow
