#include "core/mastercf/editor.h"

#include <algorithm>

#include "core/mastercf/views.h"

namespace pmr::mastercf {

namespace {

constexpr std::string_view edit_options = "-Me, -Fe, -Pe, -X, or -#";

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool has_blank(std::string_view text) {
    return std::ranges::any_of(text, is_field_blank);
}

/// Splits `name/type[/third]` as postconf's pcf_parse_service_pattern(): empty parts are
/// dropped, a leading `/` is refused, `*` is allowed only as a whole part; missing parts up to
/// `max_parts` become `*`.
std::optional<std::vector<std::string>> split_pattern(std::string_view text, std::size_t min_parts,
                                                      std::size_t max_parts) {
    if (!text.empty() && text.front() == '/')
        return std::nullopt;
    std::vector<std::string> parts;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t end = std::min(text.find('/', i), text.size());
        if (end > i)
            parts.emplace_back(text.substr(i, end - i));
        i = end + 1;
    }
    if (parts.size() < min_parts || parts.size() > max_parts)
        return std::nullopt;
    for (const std::string& part : parts) {
        if (part != "*" && part.find('*') != std::string::npos)
            return std::nullopt;
    }
    while (parts.size() < max_parts)
        parts.emplace_back("*");
    return parts;
}

/// A request postconf refuses, with its message.
Expected<Edit> refused(std::string message) {
    return Expected<Edit>::failure(std::move(message));
}

bool is_set_mode(EditMode mode) {
    return mode == EditMode::set_service || mode == EditMode::set_field ||
           mode == EditMode::set_parameter;
}

/// The part of a request after the pattern, checked as the mode requires.
Expected<Edit> make_edit(EditMode mode, std::vector<std::string> parts, std::string value,
                         std::string_view raw) {
    ServicePattern pattern{std::move(parts[0]), std::move(parts[1])};
    switch (mode) {
        case EditMode::set_service: {
            ParsedService parsed = parse_service(value);
            if (parsed.bad_field_count)
                return refused("bad field count: \"" + std::string(raw) + "\"");
            if (!parsed.service)
                return refused(parsed.error);
            return Edit{SetService{std::move(pattern), std::move(value)}};
        }
        case EditMode::remove_service:
            return Edit{RemoveService{std::move(pattern)}};
        case EditMode::comment_out_service:
            return Edit{CommentOutService{std::move(pattern)}};
        case EditMode::set_field: {
            if (parts[2] == "*")
                return refused("-Fe does not accept wild-card field name");
            const std::optional<Field> field = field_from_name(parts[2]);
            if (!field)
                return refused("invalid service attribute name: \"" + parts[2] + "\"");
            if (*field != Field::command && has_blank(value)) {
                return refused("-Fe does not accept whitespace in non-command field");
            }
            if (value.empty())
                return refused("empty value for field \"" + parts[2] + "\"");
            return Edit{SetField{std::move(pattern), *field, std::move(value)}};
        }
        case EditMode::set_parameter:
        case EditMode::remove_parameter: {
            if (parts[2] == "*")
                return refused("-Pe does not accept wild-card parameter name");
            if (mode == EditMode::remove_parameter) {
                return Edit{RemoveParameter{std::move(pattern), std::move(parts[2])}};
            }
            if (has_blank(value)) {
                return refused("-Pe does not accept whitespace in parameter value");
            }
            return Edit{SetParameter{std::move(pattern), std::move(parts[2]), std::move(value)}};
        }
    }
    return refused("unknown edit mode");
}

}  // namespace

bool ServicePattern::matches(std::string_view service_name, std::string_view service_type) const {
    return (name == "*" || name == service_name) && (type == "*" || type == service_type);
}

EditMode mode_of(const Edit& edit) {
    return static_cast<EditMode>(edit.index());
}

std::string request_text(const Edit& edit) {
    return std::visit(
        [](const auto& e) -> std::string {
            using T = std::decay_t<decltype(e)>;
            const std::string pattern = e.pattern.text();
            if constexpr (std::is_same_v<T, SetService>) {
                return pattern + "=" + e.definition;
            } else if constexpr (std::is_same_v<T, SetField>) {
                return pattern + "/" + std::string(field_name(e.field)) + "=" + e.value;
            } else if constexpr (std::is_same_v<T, SetParameter>) {
                return pattern + "/" + e.name + "=" + e.value;
            } else if constexpr (std::is_same_v<T, RemoveParameter>) {
                return pattern + "/" + e.name;
            } else {
                return pattern;
            }
        },
        edit);
}

Expected<Edit> parse_request(EditMode mode, std::string_view argument) {
    if (argument.find('\n') != std::string_view::npos) {
        return refused(std::string(edit_options) + " accept no multi-line input");
    }
    if (argument.find('\0') != std::string_view::npos)
        return refused("NUL byte in request");
    std::string_view text = argument;
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    if (!text.empty() && text.front() == '#') {
        return refused(std::string(edit_options) + " accept no comment input");
    }
    std::string pattern;
    std::string value;
    if (is_set_mode(mode)) {
        Expected<NameValue> pair = split_name_value(text);
        if (!pair)
            return refused(pair.error() + ": \"" + std::string(argument) + "\"");
        pattern = std::move(pair->name);
        value = std::move(pair->value);
    } else {
        if (text.find('=') != std::string_view::npos) {
            return refused("-X or -# requires names without value");
        }
        // postconf means to trim trailing white space here but drops trimblanks()'s result:
        // "name/type " keeps its space (and matches nothing).
        pattern = std::string(text);
    }
    const bool whole_entry = mode == EditMode::set_service || mode == EditMode::remove_service ||
                             mode == EditMode::comment_out_service;
    const std::size_t parts_wanted = whole_entry ? 2 : 3;
    std::optional<std::vector<std::string>> parts =
        split_pattern(pattern, parts_wanted, parts_wanted);
    if (!parts) {
        if (whole_entry)
            return refused("-Me, -MX or -M# requires service_name/type");
        if (mode == EditMode::set_field) {
            return refused("-Fe or -FX requires service_name/type/field_name");
        }
        return refused("-Pe or -PX requires service_name/type/parameter");
    }
    return make_edit(mode, std::move(*parts), std::move(value), argument);
}

Diagnostics validate_edits(std::span<const Edit> edits, std::string_view origin) {
    Diagnostics problems;
    for (const Edit& edit : edits) {
        if (mode_of(edit) != mode_of(edits.front())) {
            problems.push_back(make_error(origin, 0, 0,
                                          "edit \"" + request_text(edit) +
                                              "\" is of another kind than the first edit: "
                                              "apply each kind in a separate batch"));
            continue;
        }
        // An edit is valid when postconf would read its command-line form back as the same edit.
        auto parsed = parse_request(mode_of(edit), request_text(edit));
        if (!parsed) {
            problems.push_back(make_error(origin, 0, 0, parsed.error()));
        } else if (*parsed != edit) {
            problems.push_back(make_error(
                origin, 0, 0, "edit \"" + request_text(edit) + "\": a part contains '/' or '='"));
        }
    }
    return problems;
}

}  // namespace pmr::mastercf
