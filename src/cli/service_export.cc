#include "cli/service_export.h"

#include "core/maincf/configuration.h"
#include "core/manifest/service_export.h"
#include "core/mastercf/master_cf.h"
#include "effects/read_file.h"

namespace pmr::cli {

namespace {

/// The parsed master.cf at `path`, or nullopt with the reason in `problems`.
std::optional<mastercf::MasterCf> read_master_cf(const std::string& path, Diagnostics& problems) {
    auto text = effects::read_config_file(path);
    if (!text) {
        problems.push_back(make_error("", 0, 0, text.error()));
        return std::nullopt;
    }
    auto master_cf = mastercf::MasterCf::parse(std::move(text).value(), path);
    if (master_cf.has_errors()) {
        for (const Diagnostic& d : master_cf.diagnostics()) {
            if (d.severity == Severity::error)
                problems.push_back(d);
        }
        return std::nullopt;
    }
    return master_cf;
}

}  // namespace

bool add_exported_services(manifest::Manifest& manifest, const instance::HostState& state,
                           const instance::HostFiles& files,
                           const maincf::ParameterDefaults& defaults, Diagnostics& problems) {
    const maincf::Configuration config(files.primary, defaults);
    const std::string meta = config.expanded_or("meta_directory", "/etc/postfix");
    const auto stock = read_master_cf(meta + "/master.cf.proto", problems);
    if (!stock)
        return false;
    bool read_all = true;
    auto services_of = [&](const std::string& config_directory) {
        const auto master_cf = read_master_cf(config_directory + "/master.cf", problems);
        read_all = read_all && master_cf.has_value();
        return master_cf ? manifest::services_differing(*master_cf, *stock)
                         : std::vector<manifest::DesiredService>();
    };
    manifest.primary_services = services_of(state.primary().config_directory);
    for (manifest::DesiredInstance& d : manifest.instances) {
        if (d.config_directory)
            d.services = services_of(*d.config_directory);
    }
    return read_all;
}

}  // namespace pmr::cli
