#pragma once

#include <optional>
#include <string>

#include "core/instance/instance.h"
#include "core/instance/instance_index.h"
#include "core/manifest/manifest.h"

namespace pmr::manifest {

/// The three directories of an instance. Default: those of Postfix's stock primary.
struct Directories {
    std::string config_directory = "/etc/postfix";
    std::string queue_directory = "/var/spool/postfix";
    std::string data_directory = "/var/lib/postfix";
    friend bool operator==(const Directories&, const Directories&) = default;
};

/// The directories of a host's instance.
[[nodiscard]] Directories directories_of(const instance::Instance& instance);

/// The directories manifest entry `desired` means, on the host that `host` indexes (nullptr: a
/// host without secondaries, as validate sees it) whose primary has `primary`'s directories. Each
/// is the manifest's own, cleaned; else that of the host's instance the entry means; else derived
/// from the primary's like postmulti (`/etc/postfix` -> `/etc/postfix-NAME`). Left out, the
/// config directory is that of the host's secondary of the entry's name. nullopt for an absent
/// entry without a config directory whose name no secondary has: it means no instance (not one
/// of another name that happens to live where its name would derive to).
[[nodiscard]] std::optional<Directories> directories_of(const DesiredInstance& desired,
                                                        const Directories& primary,
                                                        const instance::InstanceIndex* host);

}  // namespace pmr::manifest
