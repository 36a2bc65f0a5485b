#include "core/mastercf/views.h"

#include <algorithm>
#include <array>
#include <set>

namespace pmr::mastercf {

namespace {

constexpr std::size_t line_limit = 80;  // postconf folds lines before this column
constexpr std::size_t indent_length = 4;
constexpr std::array<std::size_t, 8> column_goal = {0, 11, 17, 25, 33, 41, 49, 57};

bool has_blank(std::string_view text) {
    return std::ranges::any_of(text, is_field_blank);
}

/// Appends the command's arguments (words[8...]) the way postconf lays them out after a first
/// part of `line_length` characters. `value_extra` is what postconf counts beyond an option's
/// value when deciding whether it fits (3 for -M, 1 for -F).
void append_arguments(std::string& out, const std::vector<std::string>& words,
                      std::size_t line_length, Folding folding, std::size_t value_extra) {
    bool in_options = true;
    for (std::size_t i = 8; i < words.size(); ++i) {
        const std::string& arg = words[i];
        std::size_t arg_length = arg.size();
        const std::string* value = nullptr;
        bool braces = false;
        if (in_options) {
            if (arg.empty() || arg[0] != '-' || arg == "--") {
                in_options = false;  // postconf leaves this first non-option without braces
            } else if (takes_value(arg) && i + 1 < words.size()) {
                value = &words[i + 1];
                line_length = line_limit;  // an option with a value starts a new line
                arg_length += value->size() + value_extra;
                braces = has_blank(*value);
                if (braces)
                    arg_length += 2;
            }
        } else {
            braces = has_blank(arg);
        }
        if (line_length > indent_length) {
            if (folding == Folding::none || line_length + 1 + arg_length < line_limit) {
                out += ' ';
                line_length += 1;
            } else {
                out += "\n    ";
                line_length = indent_length;
            }
        }
        const bool brace_arg = !in_options && braces;
        if (brace_arg)
            out += '{';
        out += arg;
        if (brace_arg)
            out += '}';
        line_length += arg.size() + (brace_arg ? 2 : 0);
        if (value != nullptr) {
            out += braces ? " {" + *value + "}" : " " + *value;
            ++i;
            line_length = line_limit;  // and whatever follows it starts a new line too
        }
    }
}

/// Postfix's pcf_print_line() without folding: words separated by one space.
std::string normalise_line(std::string_view text) {
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && is_field_blank(text[i]))
            ++i;
        if (i == text.size())
            break;
        const std::size_t start = i;
        while (i < text.size() && !is_field_blank(text[i]))
            ++i;
        if (!out.empty())
            out += ' ';
        out.append(text.substr(start, i - start));
    }
    return out;
}

/// format_entry() appended to `out`, which may hold earlier entries.
void append_entry(std::string& out, const Service& service, Folding folding) {
    const std::size_t start = out.size();
    for (std::size_t field = 0; field < 8; ++field) {
        if (out.size() > start) {
            // At least one space, then up to the field's column.
            const std::size_t width = out.size() - start;
            out.append(width < column_goal[field] ? column_goal[field] - width : 1, ' ');
        }
        out += service.words[field];
    }
    // line_length counts characters, which equal bytes here: the fields are on one line.
    append_arguments(out, service.words, out.size() - start, folding, 3);
    out += '\n';
}

}  // namespace

std::string format_entry(const Service& service, Folding folding) {
    std::string out;
    out.reserve(96);
    append_entry(out, service, folding);
    return out;
}

std::string format_fields(const Service& service) {
    const std::string prefix = service.name() + "/" + service.type_text() + "/";
    std::string out;
    for (std::size_t field = 0; field < 8; ++field) {
        std::string line = prefix + std::string(field_name(static_cast<Field>(field))) + " = " +
                           service.words[field];
        if (field == 7)
            append_arguments(line, service.words, line.size(), Folding::none, 1);
        out += line;
        out += '\n';
    }
    return out;
}

std::string show_entries(const MasterCf& master_cf, Folding folding) {
    std::string out;
    out.reserve(master_cf.entries().size() * 80);
    for (const Entry& entry : master_cf.entries())
        append_entry(out, entry.service, folding);
    return out;
}

std::string show_fields(const MasterCf& master_cf) {
    std::string out;
    for (const Entry& entry : master_cf.entries())
        out += format_fields(entry.service);
    return out;
}

ServiceParameters parameters_by_service(const MasterCf& master_cf) {
    ServiceParameters by_service;
    for (const Entry& entry : master_cf.entries()) {
        const std::vector<ServiceParameter> parameters = parameters_of(entry.service);
        if (parameters.empty())
            continue;
        auto& table = by_service[entry.service.name() + "/" + entry.service.type_text()];
        for (const ServiceParameter& p : parameters)
            table[p.name] = p.value;
    }
    return by_service;
}

std::string show_parameters(const MasterCf& master_cf) {
    const ServiceParameters by_service = parameters_by_service(master_cf);
    std::set<std::string> seen;  // name/type pairs with parameters so far
    std::string out;
    for (const Entry& entry : master_cf.entries()) {
        const std::string key = entry.service.name() + "/" + entry.service.type_text();
        // postconf attaches a name/type's table to an entry only when that entry or an earlier
        // one created it; the table then holds the settings of all entries, later ones too.
        if (!parameters_of(entry.service).empty())
            seen.insert(key);
        if (!seen.contains(key))
            continue;
        auto it = by_service.find(key);
        for (const auto& [name, value] : it->second) {
            out += normalise_line(key + "/" + name + " = " + value);
            out += '\n';
        }
    }
    return out;
}

}  // namespace pmr::mastercf
