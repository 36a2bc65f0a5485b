#include "core/postfix_files/parser.h"

#include <array>
#include <optional>
#include <string>

#include "core/postfix_files/flags.h"
#include "core/postfix_files/mode.h"

namespace pmr::postfix_files {

namespace {

constexpr std::array<const char*, 6> field_names = {"name",  "type",       "owner",
                                                    "group", "permission", "flags"};

/// Splits one line on `:` the way `IFS=: read path type owner group mode flags junk` does:
/// six fields, and whatever follows the sixth separator in `rest`.
struct Fields {
    std::array<std::string_view, 6> field;
    std::string_view rest;
    bool has_rest = false;
};

Fields split_fields(std::string_view line) {
    Fields fields;
    std::size_t index = 0;
    std::size_t start = 0;
    while (index < fields.field.size()) {
        const std::size_t colon = line.find(':', start);
        if (colon == std::string_view::npos) {
            fields.field[index] = line.substr(start);
            return fields;
        }
        fields.field[index++] = line.substr(start, colon - start);
        start = colon + 1;
    }
    fields.rest = line.substr(start);
    fields.has_rest = true;
    return fields;
}

bool is_null(std::string_view field) {
    return field.empty() || field == "-";
}

std::optional<EntryType> type_from(std::string_view field) {
    if (field == "d")
        return EntryType::directory;
    if (field == "f")
        return EntryType::file;
    if (field == "h")
        return EntryType::hard_link;
    if (field == "l")
        return EntryType::symbolic_link;
    return std::nullopt;
}

/// Checks one record line; appends its findings and returns whether it has no error.
bool check_record(const Fields& fields, std::string_view origin, int line, Diagnostics& out) {
    const std::size_t errors_before = out.size();
    auto error = [&](std::string message) {
        out.push_back(make_error(origin, line, 0, std::move(message)));
    };
    for (std::size_t i = 0; i < fields.field.size(); ++i) {
        if (fields.field[i].find_first_of(" \t") != std::string_view::npos) {
            error(std::string("white space in the ") + field_names[i] + " field '" +
                  std::string(fields.field[i]) + "'");
        }
    }
    const std::string_view type = fields.field[1];
    const std::optional<EntryType> kind = type_from(type);
    if (type.empty()) {
        error("missing file type (expected d, f, h or l)");
    } else if (!kind) {
        error("unknown file type '" + std::string(type) + "' (expected d, f, h or l)");
    }
    if (kind == EntryType::directory || kind == EntryType::file) {
        if (is_null(fields.field[2]))
            error("missing owner");
        const std::string_view mode = fields.field[4];
        if (mode.empty()) {
            error("missing permission");
        } else if (!parse_mode(mode)) {
            error("invalid permission '" + std::string(mode) +
                  "' (expected octal digits, at most 7777)");
        }
    } else if (kind && is_null(fields.field[2])) {
        error("missing link source in the owner field");
    }
    const std::string_view flags = fields.field[5];
    if (!flags.starts_with('$')) {
        const std::string unknown = unknown_flag_letters(flags);
        if (!unknown.empty()) {
            out.push_back(make_warning(origin, line, 0, "unknown flags '" + unknown + "' ignored"));
        }
    }
    if (fields.has_rest) {
        out.push_back(make_warning(origin, line, 0,
                                   "extra fields ignored: '" + std::string(fields.rest) + "'"));
    }
    bool has_error = false;
    for (std::size_t i = errors_before; i < out.size(); ++i) {
        has_error = has_error || out[i].severity == Severity::error;
    }
    return !has_error;
}

}  // namespace

ParsedFiles parse_postfix_files(std::string_view text, std::string_view origin) {
    ParsedFiles parsed;
    int line_number = 0;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        const std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++line_number;

        if (line.empty() || line.front() == '#')
            continue;
        if (line.find_first_not_of(" \t") == std::string_view::npos)
            continue;
        if (line.front() != '$') {
            // post-install and postfix-install both skip such lines without a word.
            parsed.diagnostics.push_back(make_warning(
                origin, line_number, 0, "line ignored: the name does not start with '$'"));
            continue;
        }
        const Fields fields = split_fields(line);
        if (!check_record(fields, origin, line_number, parsed.diagnostics))
            continue;
        Entry entry;
        entry.path = std::string(fields.field[0]);
        entry.type = *type_from(fields.field[1]);
        entry.owner = std::string(fields.field[2]);
        entry.group = std::string(fields.field[3]);
        entry.mode = std::string(fields.field[4]);
        entry.flags = std::string(fields.field[5]);
        entry.origin = std::string(origin);
        entry.line = line_number;
        parsed.entries.push_back(std::move(entry));
    }
    return parsed;
}

}  // namespace pmr::postfix_files
