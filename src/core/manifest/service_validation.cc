#include "core/manifest/service_validation.h"

#include <algorithm>

#include "core/maincf/editor.h"
#include "core/maincf/line_scanner.h"
#include "core/mastercf/command_parts.h"
#include "core/mastercf/service.h"
#include "core/mastercf/validation.h"

namespace pmr::manifest {

namespace {

bool all_digits(std::string_view text) {
    return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

/// Why `value` cannot be the field `key` of a service, or "".
std::string check_field(std::string_view key, const std::string& value) {
    if (key == "private" || key == "unpriv" || key == "chroot") {
        return value == "y" || value == "n" || value == "-" ? "" : "must be y, n or -";
    }
    if (key == "wakeup") {
        const std::string_view number =
            value.ends_with('?') ? std::string_view(value).substr(0, value.size() - 1) : value;
        return value == "-" || all_digits(number)
                   ? ""
                   : "must be -, or a number of seconds with an optional trailing ?";
    }
    if (key == "maxproc")
        return value == "-" || all_digits(value) ? "" : "must be - or a number";
    if (value.find_first_of("\r\n") != std::string::npos)
        return "must fit on one line";
    const mastercf::ParsedCommand command = mastercf::parse_command(value);
    if (!command.error.empty())
        return "is not a valid command: " + command.error;
    if (command.words.front().starts_with('-'))
        return "must start with the command name, not an option";
    mastercf::Service service{{"x", "unix", "-", "-", "-", "-", "-"}};
    service.words.insert(service.words.end(), command.words.begin(), command.words.end());
    if (!mastercf::command_parts(service).option_indexes.empty())
        return "must not set -o overrides: list them under 'options'";
    return {};
}

/// Why an option cannot be written as `-o name=value`, or "".
std::string check_option(const ServiceOption& option) {
    const maincf::Edit edit{maincf::EditKind::set, option.name, option.value.value_or("")};
    if (const Diagnostics invalid = maincf::validate_edits({&edit, 1}, ""); !invalid.empty())
        return invalid.front().message;
    if (option.name.find_first_of(" \t={}") != std::string::npos)
        return "the name must not contain white space, '=' or braces";
    const std::string& value = edit.value;
    if (value.find_first_of("\r\n") != std::string::npos)
        return "the value must fit on one line";
    if (!value.empty() &&
        (maincf::is_postfix_space(value.front()) || maincf::is_postfix_space(value.back()))) {
        return "the value begins or ends with white space, which master.cf does not keep";
    }
    if (std::ranges::count(value, '{') != std::ranges::count(value, '}'))
        return "the value must not have unbalanced braces";
    return {};
}

}  // namespace

Diagnostics validate_services(const std::vector<DesiredService>& services, const std::string& path,
                              const std::string& owner) {
    Diagnostics problems;
    auto report = [&](Position p, const std::string& message) {
        problems.push_back(make_error(path, p.line, p.column, message));
    };
    for (const DesiredService& s : services) {
        const std::string what = owner + ": service '" + s.key() + "'";
        const auto type = mastercf::type_from_name(s.type);
        if (!type) {
            report(s.position, what + ": unknown type '" + s.type +
                                   "' (expected inet, unix, unix-dgram, fifo or pass)");
        } else if (const Status name = mastercf::check_service_name(s.name, *type); !name) {
            report(s.position, what + ": " + name.error());
        }
        const std::pair<const char*, const std::optional<ServiceField>*> fields[] = {
            {"private", &s.private_}, {"unpriv", &s.unprivileged},   {"chroot", &s.chroot},
            {"wakeup", &s.wakeup},    {"maxproc", &s.process_limit}, {"command", &s.command}};
        bool has_fields = !s.options.empty();
        for (const auto& [key, field] : fields) {
            if (!*field)
                continue;
            has_fields = true;
            if (std::string why = check_field(key, (*field)->value); !why.empty()) {
                report((*field)->position, what + ": " + key + " '" + (*field)->value + "' " + why);
            }
        }
        for (const ServiceOption& option : s.options) {
            if (std::string why = check_option(option); !why.empty())
                report(option.position, what + ": option '" + option.name + "': " + why);
        }
        if (s.absent && has_fields) {
            report(s.position, what + " is 'state: absent' and takes no other fields");
        }
    }
    return problems;
}

}  // namespace pmr::manifest
