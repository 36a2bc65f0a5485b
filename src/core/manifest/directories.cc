#include "core/manifest/directories.h"

#include "core/manifest/validator.h"

namespace pmr::manifest {

namespace {

/// The manifest's directory, cleaned, else `otherwise`.
std::string given_or(const std::optional<std::string>& given, std::string otherwise) {
    return given ? clean_directory(*given) : std::move(otherwise);
}

}  // namespace

Directories directories_of(const instance::Instance& instance) {
    return Directories{instance.config_directory, instance.queue_directory,
                       instance.data_directory};
}

std::optional<Directories> directories_of(const DesiredInstance& desired,
                                          const Directories& primary,
                                          const instance::InstanceIndex* host) {
    std::string config_directory;
    if (desired.config_directory) {
        config_directory = clean_directory(*desired.config_directory);
    } else if (const instance::Instance* named =
                   host ? host->secondary_named(desired.name) : nullptr) {
        config_directory = named->config_directory;
    } else if (desired.state == DesiredState::absent) {
        return std::nullopt;
    } else {
        config_directory = derived_directory(primary.config_directory, desired.name);
    }
    // An instance already there keeps the directories it has (changing them is refused later).
    const instance::Instance* existing =
        host ? host->by_config_directory(config_directory) : nullptr;
    return Directories{
        std::move(config_directory),
        given_or(desired.queue_directory,
                 existing ? existing->queue_directory
                          : derived_directory(primary.queue_directory, desired.name)),
        given_or(desired.data_directory,
                 existing ? existing->data_directory
                          : derived_directory(primary.data_directory, desired.name))};
}

}  // namespace pmr::manifest
