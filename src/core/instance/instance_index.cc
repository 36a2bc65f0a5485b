#include "core/instance/instance_index.h"

namespace pmr::instance {

namespace {

const Instance* find(const std::unordered_map<std::string_view, const Instance*>& map,
                     std::string_view key) {
    const auto it = map.find(key);
    return it == map.end() ? nullptr : it->second;
}

}  // namespace

InstanceIndex::InstanceIndex(const HostState& state) : state_(&state) {
    by_directory_.reserve(state.instances.size());
    by_name_.reserve(state.instances.size());
    for (const Instance& i : state.instances)
        add(i);
}

void InstanceIndex::add(const Instance& instance) {
    // try_emplace keeps the first, as a scan in postmulti's order would find it.
    by_directory_.try_emplace(instance.config_directory, &instance);
    if (!instance.name.empty())
        by_name_.try_emplace(instance.name, &instance);
}

const Instance* InstanceIndex::by_config_directory(std::string_view config_directory) const {
    return find(by_directory_, config_directory);
}

const Instance* InstanceIndex::by_name(std::string_view name) const {
    return find(by_name_, name);
}

const Instance* InstanceIndex::secondary_named(std::string_view name) const {
    const Instance* i = by_name(name);
    return i != nullptr && !i->primary ? i : nullptr;
}

}  // namespace pmr::instance
