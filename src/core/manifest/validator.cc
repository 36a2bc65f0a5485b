#include "core/manifest/validator.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/maincf/editor.h"
#include "core/maincf/line_scanner.h"
#include "core/manifest/service_validation.h"
#include "core/postmulti/private_path.h"

namespace pmr::manifest {

namespace {

constexpr std::string_view safe_punctuation = "!@%-_=+:.";

bool is_safe(std::string_view text, std::string_view extra = "") {
    return !text.empty() && std::ranges::all_of(text, [&](char c) {
        const bool alnum =
            (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        return alnum || safe_punctuation.find(c) != std::string_view::npos ||
               extra.find(c) != std::string_view::npos;
    });
}

/// Where a key's value was written, else (a derived directory) where its instance's entry is.
Position or_entry(Position key, const DesiredInstance& instance) {
    return key.line != 0 ? key : instance.position;
}

/// `directory` and every directory above it, "/" included (for an absolute path).
std::vector<std::string_view> ancestors_and_self(std::string_view directory) {
    std::vector<std::string_view> found{directory};
    for (std::size_t slash = directory.rfind('/'); slash != std::string_view::npos && slash > 0;
         slash = directory.rfind('/', slash - 1)) {
        found.push_back(directory.substr(0, slash));
    }
    if (directory.starts_with('/') && directory != "/")
        found.emplace_back("/");
    return found;
}

/// A directory someone claims, for the conflict checks.
struct Claim {
    std::string directory;
    std::string owner;  ///< e.g. `postfix-out's queue_directory`, `the primary's config_directory`
    Position position;
};

}  // namespace

bool is_reserved_instance_parameter(std::string_view name) {
    static constexpr std::string_view reserved[] = {"multi_instance_name",
                                                    "multi_instance_group",
                                                    "multi_instance_enable",
                                                    "multi_instance_wrapper",
                                                    "multi_instance_directories",
                                                    "config_directory",
                                                    "queue_directory",
                                                    "data_directory"};
    return std::ranges::find(reserved, name) != std::end(reserved);
}

bool is_reserved_primary_parameter(std::string_view name) {
    static constexpr std::string_view reserved[] = {
        "multi_instance_wrapper", "multi_instance_enable", "multi_instance_directories",
        "config_directory",       "queue_directory",       "data_directory"};
    return std::ranges::find(reserved, name) != std::end(reserved);
}

std::string clean_directory(std::string_view path) {
    std::string text(path);
    while (text.size() > 1 && text.back() == '/')
        text.pop_back();
    return text;
}

std::string check_directory(std::string_view path, std::string& cleaned) {
    const std::string text = clean_directory(path);
    cleaned = text;
    if (text.empty() || text.front() != '/')
        return "must be an absolute path";
    if (text == "/")
        return "must not be the root directory";
    if (!is_safe(text, "/"))
        return "may only contain letters, digits and !@%-_=+:./";
    std::size_t pos = 1;
    while (pos <= text.size()) {
        std::size_t end = text.find('/', pos);
        if (end == std::string::npos)
            end = text.size();
        const std::string_view component = std::string_view(text).substr(pos, end - pos);
        if (component.empty())
            return "must not contain '//'";
        if (component == "." || component == "..")
            return "must not contain '.' or '..'";
        pos = end + 1;
    }
    return {};
}

std::string derived_directory(std::string_view primary_directory, std::string_view name) {
    return postmulti::private_path(primary_directory, name);
}

namespace {

/// Adds errors located in one manifest to a list of problems.
struct Reporter {
    const std::string& path;
    Diagnostics& problems;

    void operator()(Position p, std::string message) const {
        problems.push_back(make_error(path, p.line, p.column, std::move(message)));
    }
};

/// Reports each of `parameters` that the manifest may not set: a reserved one (the primary's
/// when `for_primary`, else an instance's), an invalid main.cf name or value, or a value main.cf
/// would trim.
void check_parameters(const std::vector<Parameter>& parameters, bool for_primary,
                      const Reporter& report) {
    for (const Parameter& p : parameters) {
        const bool reserved = for_primary ? is_reserved_primary_parameter(p.name)
                                          : is_reserved_instance_parameter(p.name);
        if (reserved) {
            report(p.position, "parameter '" + p.name +
                                   "' is managed by pmreconcile; use the instance's name, "
                                   "group, enable and directory keys instead");
            continue;
        }
        const maincf::Edit edit{maincf::EditKind::set, p.name, p.value.value_or("")};
        const Diagnostics invalid = maincf::validate_edits({&edit, 1}, "");
        for (const Diagnostic& d : invalid)
            report(p.position, d.message);
        // main.cf cannot hold it: Postfix trims the value, so it would drift forever.
        const std::string& value = edit.value;
        if (invalid.empty() && !value.empty() &&
            (maincf::is_postfix_space(value.front()) || maincf::is_postfix_space(value.back()))) {
            report(p.position, "the value of '" + p.name +
                                   "' begins or ends with white space, which main.cf does "
                                   "not keep");
        }
    }
}

/// Reports the problems validate_services() finds in `who`'s services.
void check_services(const std::vector<DesiredService>& services, const std::string& who,
                    const Reporter& report) {
    for (Diagnostic& d : validate_services(services, report.path, who))
        report.problems.push_back(std::move(d));
}

/// Reports a named instance's name (prefix, characters), a second entry of that name (`names`
/// holds where each name was first listed), its group's characters, and `protect` or
/// `running: true` with `state: absent`. Returns whether the name was listed before.
bool check_identity(const DesiredInstance& instance, std::map<std::string, Position>& names,
                    const Reporter& report) {
    const std::string& name = instance.name;
    if (!name.starts_with(pmr::instance::name_prefix)) {
        report(instance.name_position, "instance name '" + name + "' must start with '" +
                                           std::string(pmr::instance::name_prefix) + "'");
    } else if (!is_safe(name)) {
        report(instance.name_position,
               "instance name '" + name + "' may only contain letters, digits and !@%-_=+:.");
    }
    const bool repeated = !names.emplace(name, instance.name_position).second;
    if (repeated) {
        report(instance.name_position, "instance name '" + name +
                                           "' is listed twice (first at line " +
                                           std::to_string(names[name].line) + ")");
    }
    if (instance.group && !instance.group->empty() && !is_safe(*instance.group)) {
        report(or_entry(instance.group_position, instance),
               "group '" + *instance.group + "' may only contain letters, digits and !@%-_=+:.");
    }
    if (instance.protect && instance.state == DesiredState::absent) {
        report(instance.position,
               "instance '" + name + "' is protected and cannot be 'state: absent'");
    }
    // An absent instance is stopped before it goes: it cannot also run.
    if (instance.running == true && instance.state == DesiredState::absent) {
        report(or_entry(instance.running_position, instance),
               "instance '" + name + "' cannot be 'running: true' and 'state: absent'");
    }
    return repeated;
}

/// Reports each directory key of `instance` that is not a clean absolute path, and adds to
/// `claims` the others of the directories a present instance will have.
void claim_directories(const DesiredInstance& instance, const PrimaryDirectories& primary,
                       std::vector<Claim>& claims, const Reporter& report) {
    const std::string& name = instance.name;
    // An absent entry claims nothing.
    const std::optional<Directories> meant = instance.state == DesiredState::present
                                                 ? directories_of(instance, primary, nullptr)
                                                 : std::nullopt;
    const std::tuple<const char*, const std::optional<std::string>*, Position,
                     std::string Directories::*>
        directories[] = {
            {"config_directory", &instance.config_directory,
             or_entry(instance.config_directory_position, instance),
             &Directories::config_directory},
            {"queue_directory", &instance.queue_directory,
             or_entry(instance.queue_directory_position, instance), &Directories::queue_directory},
            {"data_directory", &instance.data_directory,
             or_entry(instance.data_directory_position, instance), &Directories::data_directory}};
    for (const auto& [key, value, where, member] : directories) {
        std::string cleaned;
        if (*value) {
            if (const std::string why = check_directory(**value, cleaned); !why.empty()) {
                report(where, name + ": " + key + " '" + **value + "' " + why);
                continue;
            }
        }
        if (meant)
            claims.push_back({(*meant).*member, name + "'s " + key, where});
    }
}

/// The pairs (later, earlier) of indices into `claims` whose directories are the same or one
/// inside the other, sorted, each once; the first three claims (the primary's own) are not
/// paired with each other.
std::vector<std::pair<std::size_t, std::size_t>> conflicting_claims(
    const std::vector<Claim>& claims) {
    // Looking up each claim's ancestors keeps this linear: a manifest may list a thousand
    // instances.
    std::map<std::string_view, std::vector<std::size_t>> claims_of;
    for (std::size_t i = 0; i < claims.size(); ++i)
        claims_of[claims[i].directory].push_back(i);
    std::vector<std::pair<std::size_t, std::size_t>> conflicts;
    for (std::size_t i = 0; i < claims.size(); ++i) {
        for (const std::string_view ancestor : ancestors_and_self(claims[i].directory)) {
            const auto found = claims_of.find(ancestor);
            if (found == claims_of.end())
                continue;
            for (const std::size_t j : found->second) {
                if (j != i && std::max(i, j) >= 3)
                    conflicts.emplace_back(std::max(i, j), std::min(i, j));
            }
        }
    }
    std::ranges::sort(conflicts);
    conflicts.erase(std::unique(conflicts.begin(), conflicts.end()), conflicts.end());
    return conflicts;
}

/// Reports each conflict of conflicting_claims() at the later claim.
void report_conflicts(const std::vector<Claim>& claims, const Reporter& report) {
    for (const auto& [i, j] : conflicting_claims(claims)) {
        const Claim& a = claims[i];
        const Claim& b = claims[j];
        report(a.position, a.owner + " " + a.directory +
                               (a.directory == b.directory ? " is also " : " overlaps ") + b.owner +
                               " " + b.directory);
    }
}

}  // namespace

Diagnostics validate(const Manifest& manifest, const PrimaryDirectories& primary) {
    Diagnostics problems;
    const Reporter report{manifest.path, problems};
    check_parameters(manifest.primary_parameters, true, report);
    check_services(manifest.primary_services, "the primary", report);

    std::vector<Claim> claims{
        {primary.config_directory, "the primary's config_directory", {}},
        {primary.queue_directory, "the primary's queue_directory", {}},
        {primary.data_directory, "the primary's data_directory", {}},
    };
    std::map<std::string, Position> names;
    for (const DesiredInstance& instance : manifest.instances) {
        if (instance.name.empty())
            continue;  // reported by the parser
        const bool repeated = check_identity(instance, names, report);
        check_parameters(instance.parameters, false, report);
        check_services(instance.services, instance.name, report);
        // A second entry of a name is one mistake: its directories are the first's, and
        // reporting them as overlapping too would say it four times.
        if (!repeated)
            claim_directories(instance, primary, claims, report);
    }
    report_conflicts(claims, report);
    std::ranges::stable_sort(
        problems, [](const Diagnostic& x, const Diagnostic& y) { return x.line < y.line; });
    return problems;
}

}  // namespace pmr::manifest
