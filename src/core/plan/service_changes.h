#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/lifecycle/operation.h"
#include "core/lifecycle/simulated_host.h"
#include "core/manifest/manifest.h"
#include "core/mastercf/editor.h"
#include "core/mastercf/master_cf.h"
#include "core/plan/plan.h"
#include "core/support/diagnostic.h"

namespace pmr::plan {

/// What making one master.cf match the services a manifest lists for it takes.
struct ServicePlan {
    /// `postconf -MX` removals first, then one `postconf -Me` definition per service that is
    /// added or changed (its unmanaged fields, options and arguments as they are).
    std::vector<mastercf::Edit> edits;
    /// One change per service whose fields or command differ (`service smtp/inet`, shown as
    /// the columns after NAME TYPE and the command without its `-o` overrides, nullopt when
    /// absent), then one per managed `-o` that differs (`service smtp/inet -o NAME`).
    std::vector<Change> changes;
    /// Why a service cannot be planned (a new one without a command), located in the manifest.
    Diagnostics problems;
};

/// Diffs `desired` against `current` (which must parse without errors). Only the listed
/// services and, of those, the listed fields and options are compared and changed.
[[nodiscard]] ServicePlan plan_services(const mastercf::MasterCf& current,
                                        const std::vector<manifest::DesiredService>& desired,
                                        const std::string& manifest_path);

/// Adds to `operations` the EditMasterCf (none when nothing differs), and to `changes` the
/// changes, that `services` ask for in the master.cf of `config_directory` on `host`. False,
/// with the reasons in `problems`, when there is no master.cf, Postfix would refuse it, or a
/// service cannot be planned.
[[nodiscard]] bool plan_master_cf(const lifecycle::SimulatedHost& host,
                                  const std::string& config_directory,
                                  const std::vector<manifest::DesiredService>& services,
                                  const std::string& manifest_path, std::vector<Change>& changes,
                                  std::vector<lifecycle::Operation>& operations,
                                  Diagnostics& problems);

/// The name of the change of a service (`service smtp/inet`) and of one of its options
/// (`service smtp/inet -o smtpd_tls_security_level`).
[[nodiscard]] std::string service_change_name(const std::string& key);
[[nodiscard]] std::string option_change_name(const std::string& key, const std::string& option);
/// What a master.cf change is about: the service (`NAME/TYPE`), and the option ("" for the
/// service's own line).
struct ServiceSubject {
    std::string service;
    std::string option;
};
/// The subject of a change named by service_change_name() or option_change_name(); nullopt for
/// any other change (a main.cf parameter, a property of the instance).
[[nodiscard]] std::optional<ServiceSubject> service_subject(const Change& change);
/// Whether `change` is that of a whole service (shown `(absent)` when it has no value).
[[nodiscard]] bool is_service_change(const Change& change);

}  // namespace pmr::plan
