#include "core/manifest/host_conflicts.h"

#include <algorithm>
#include <array>
#include <set>

#include "core/instance/instance_index.h"
#include "core/manifest/directories.h"

namespace pmr::manifest {

namespace {

/// True when `inner` lies strictly below `outer`.
bool is_below(std::string_view inner, std::string_view outer) {
    return inner.size() > outer.size() && inner.starts_with(outer) &&
           (outer == "/" || inner[outer.size()] == '/');
}

/// The three directories, each with its main.cf name, for messages.
std::array<std::pair<const char*, const std::string*>, 3> by_key(const std::string& config,
                                                                 const std::string& queue,
                                                                 const std::string& data) {
    return {
        {{"config_directory", &config}, {"queue_directory", &queue}, {"data_directory", &data}}};
}

}  // namespace

Diagnostics check_host_overlaps(const Manifest& manifest, const instance::HostState& host) {
    Diagnostics problems;
    if (host.instances.empty())
        return problems;
    const instance::Instance& primary = host.primary();
    const instance::InstanceIndex index(host);

    // Which host instances the manifest means: those are kept, changed or removed by the plan,
    // not bystanders.
    const Directories primary_directories = directories_of(primary);
    std::set<std::string> listed;
    std::vector<std::pair<const DesiredInstance*, Directories>> added;
    for (const DesiredInstance& d : manifest.instances) {
        std::optional<Directories> meant = directories_of(d, primary_directories, &index);
        if (!meant)
            continue;
        listed.insert(meant->config_directory);
        if (d.state == DesiredState::present && !index.by_config_directory(meant->config_directory))
            added.emplace_back(&d, std::move(*meant));
    }

    for (const auto& [d, directories] : added) {
        const auto mine = by_key(directories.config_directory, directories.queue_directory,
                                 directories.data_directory);
        for (const instance::Instance& other : host.instances) {
            if (!other.primary && listed.contains(other.config_directory))
                continue;
            const std::string owner =
                other.primary ? std::string("the primary's") : other.label() + "'s";
            const auto theirs =
                by_key(other.config_directory, other.queue_directory, other.data_directory);
            for (const auto& [key, directory] : mine) {
                for (const auto& [other_key, other_directory] : theirs) {
                    if (!is_below(*directory, *other_directory) &&
                        !is_below(*other_directory, *directory)) {
                        continue;
                    }
                    problems.push_back(
                        make_error(manifest.path, d->position.line, d->position.column,
                                   d->name + "'s " + key + " " + *directory + " overlaps " + owner +
                                       " " + other_key + " " + *other_directory + " on this host"));
                }
            }
        }
    }
    return problems;
}

}  // namespace pmr::manifest
