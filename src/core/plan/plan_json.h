#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/plan/plan.h"

namespace pmr::plan {

/// The version of every machine-readable plan (and saved plan file). Readers refuse another
/// major version; new fields, and new wordings of operations (1.2: `append DIR to
/// multi_instance_directories`; 1.3: master.cf service changes; 1.4: start and restart steps), only
/// bump the minor version.
inline constexpr const char* plan_format_version = "1.4";

/// What a plan was derived from on the host, item by item, so that a stale saved plan can say
/// what changed: the SHA-256 of every main.cf read, and which instances were running.
struct HostRecord {
    std::map<std::string, std::string> file_digests;  ///< path -> `sha256:HEX`
    std::vector<std::string> running;                 ///< config directories, sorted
    friend bool operator==(const HostRecord&, const HostRecord&) = default;
};

/// `sha256:HEX` over a host record: one value that changes when any of it does.
[[nodiscard]] std::string fingerprint_of(const HostRecord& record);

/// What a saved plan records besides the steps: the manifest it was made from and the
/// fingerprint of the host it was made against.
struct PlanOrigin {
    std::string manifest_path;
    std::string manifest_text;
    std::string config_directory;
    std::string fingerprint;  ///< `sha256:HEX` over `host`
    HostRecord host;
};

/// `{"format_version":"1.1", "fingerprint":..., "host":{"files":{PATH:DIGEST,...},
/// "running":[...]}, "summary":{...}, "steps":[...], "refusals":[...], "notes":[...],
/// "origin":{...}}` followed by a newline. Each step carries the `digest` of its operations
/// (operations_digest()). 1.1 added `host`, each step's `digest`, `import` and `deport` in
/// `summary`, and `notes`. 1.3 added master.cf service changes to `configure` steps: a change
/// named `service NAME/TYPE` (the fields after NAME TYPE and the command without its `-o`
/// overrides; null when absent) or `service NAME/TYPE -o OPTION`, with `"file":"master.cf"`,
/// `"service":"NAME/TYPE"` and, for an option, `"option"`; the `host.files` digests then cover
/// the master.cf of every instance whose services the manifest manages. 1.4 added the step kinds
/// `start` and `restart` (whose operations are `postfix -c DIR stop` then `postfix -c DIR start`)
/// and `start`, `stop` and `restart` in `summary`.
[[nodiscard]] std::string render_json(const Plan& plan, const PlanOrigin& origin);

}  // namespace pmr::plan
