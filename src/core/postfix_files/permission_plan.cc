#include "core/postfix_files/permission_plan.h"

#include <array>
#include <optional>

#include "core/postfix_files/flags.h"

namespace pmr::postfix_files {

namespace {

/// post-install's NON_SHARED: the only records it touches in a listed secondary instance. It
/// matches the raw name by prefix (`"\$$name"*`), so `$queue_directory_x` would count too.
constexpr std::array<std::string_view, 3> non_shared_prefixes = {
    "$config_directory", "$queue_directory", "$data_directory"};

bool in_scope(const Entry& entry, Scope scope) {
    if (scope == Scope::every_file)
        return true;
    for (std::string_view prefix : non_shared_prefixes) {
        if (entry.path.starts_with(prefix))
            return true;
    }
    return false;
}

/// post-install's field canonicalisation: `$...` is expanded, `-` means empty, anything else
/// stays as written.
Expected<std::string> canonical_field(std::string_view field, const Parameters& parameters) {
    if (field == "-")
        return std::string();
    if (field.starts_with('$'))
        return expand_references(field, parameters);
    return std::string(field);
}

bool is_uninstalled(std::string_view path) {
    return path == "no" || path.starts_with("no/");
}

}  // namespace

std::string to_string(const Step& step) {
    std::string text = step.type == EntryType::directory ? "d " : "f ";
    text += step.path + ' ' + step.owner;
    if (!step.group.empty())
        text += ':' + step.group;
    text += ' ' + format_mode(step.mode.bits);
    if (step.create_missing)
        text += " create";
    if (step.recursive)
        text += " recursive";
    if (step.skip_when_absent)
        text += " if-present";
    return text;
}

PermissionPlan plan_set_permissions(std::span<const Entry> entries, const Target& target) {
    PermissionPlan plan;
    for (const Entry& entry : entries) {
        if (!entry.path.starts_with('$'))
            continue;
        if (!in_scope(entry, target.scope))
            continue;
        if (entry.type != EntryType::directory && entry.type != EntryType::file)
            continue;

        auto error = [&](std::string message) {
            plan.diagnostics.push_back(make_error(entry.origin, entry.line, 0, std::move(message)));
        };
        const Expected<std::string> path = canonical_field(entry.path, target.parameters);
        const Expected<std::string> owner = canonical_field(entry.owner, target.parameters);
        const Expected<std::string> group = canonical_field(entry.group, target.parameters);
        const Expected<std::string> flag_text = canonical_field(entry.flags, target.parameters);
        bool failed = false;
        for (const Expected<std::string>* field : {&path, &owner, &group, &flag_text}) {
            if (!field->ok()) {
                error(field->error());
                failed = true;
            }
        }
        if (failed)
            continue;
        if (is_uninstalled(*path))
            continue;

        const Flags flags = parse_flags(*flag_text);
        if (flags.obsolete)
            continue;
        if (!path->starts_with('/')) {
            error("'" + entry.path + "' expands to '" + *path + "', not an absolute path");
            continue;
        }
        if (owner->empty()) {
            error("the owner '" + entry.owner + "' expands to nothing");
            continue;
        }
        const std::optional<Mode> mode = parse_mode(entry.mode);
        if (!mode) {
            error("invalid permission '" + entry.mode + "' (expected octal digits, at most 7777)");
            continue;
        }
        Step step;
        step.path = *path;
        step.type = entry.type;
        step.owner = *owner;
        step.group = *group;
        step.mode = *mode;
        step.create_missing = entry.type == EntryType::directory && flags.create;
        step.recursive = flags.recursive;
        // post-install: `test ! -r "$path" -a "$config_directory" != "$def_config_directory"`.
        step.skip_when_absent = flags.optional && !target.default_instance;
        step.root_parameter = leading_reference(entry.path);
        step.origin = entry.origin;
        step.line = entry.line;
        plan.steps.push_back(std::move(step));
    }
    return plan;
}

}  // namespace pmr::postfix_files
