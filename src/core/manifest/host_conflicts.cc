#include "core/manifest/host_conflicts.h"

#include <algorithm>
#include <set>

#include "core/instance/instance_index.h"
#include "core/manifest/validator.h"

namespace pmr::manifest {

namespace {

/// True when `inner` lies strictly below `outer`.
bool is_below(std::string_view inner, std::string_view outer) {
    return inner.size() > outer.size() && inner.starts_with(outer) &&
           (outer == "/" || inner[outer.size()] == '/');
}

}  // namespace

Diagnostics check_host_overlaps(const Manifest& manifest, const instance::HostState& host) {
    Diagnostics problems;
    if (host.instances.empty())
        return problems;
    const instance::Instance& primary = host.primary();
    const instance::InstanceIndex index(host);

    // Which host instances the manifest means (by config directory, else by name): those are
    // kept, changed or removed by the plan, not bystanders.
    std::set<std::string> listed;
    std::vector<std::pair<const DesiredInstance*, std::string>> added;
    for (const DesiredInstance& d : manifest.instances) {
        std::string directory;
        if (d.config_directory) {
            directory = clean_directory(*d.config_directory);
        } else {
            const instance::Instance* named = index.secondary_named(d.name);
            directory = named ? named->config_directory
                              : derived_directory(primary.config_directory, d.name);
        }
        listed.insert(directory);
        if (d.state == DesiredState::present && !index.by_config_directory(directory)) {
            added.emplace_back(&d, directory);
        }
    }

    for (const auto& [d, config_directory] : added) {
        const std::pair<std::string, std::string> mine[] = {
            {"config_directory", config_directory},
            {"queue_directory", d->queue_directory
                                    ? clean_directory(*d->queue_directory)
                                    : derived_directory(primary.queue_directory, d->name)},
            {"data_directory", d->data_directory
                                   ? clean_directory(*d->data_directory)
                                   : derived_directory(primary.data_directory, d->name)}};
        for (const instance::Instance& other : host.instances) {
            if (!other.primary && listed.contains(other.config_directory))
                continue;
            const std::string owner =
                other.primary ? std::string("the primary's") : other.label() + "'s";
            const std::pair<const char*, const std::string*> theirs[] = {
                {"config_directory", &other.config_directory},
                {"queue_directory", &other.queue_directory},
                {"data_directory", &other.data_directory}};
            for (const auto& [key, directory] : mine) {
                for (const auto& [other_key, other_directory] : theirs) {
                    if (!is_below(directory, *other_directory) &&
                        !is_below(*other_directory, directory)) {
                        continue;
                    }
                    problems.push_back(
                        make_error(manifest.path, d->position.line, d->position.column,
                                   d->name + "'s " + key + " " + directory + " overlaps " + owner +
                                       " " + other_key + " " + *other_directory + " on this host"));
                }
            }
        }
    }
    return problems;
}

}  // namespace pmr::manifest
