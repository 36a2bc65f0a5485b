#include "core/postfix_files/parameters.h"

#include <array>

namespace pmr::postfix_files {

namespace {

constexpr std::array<std::string_view, 16> names = {
    "config_directory", "command_directory", "daemon_directory", "data_directory",
    "html_directory",   "mail_owner",        "mailq_path",       "manpage_directory",
    "newaliases_path",  "queue_directory",   "readme_directory", "sample_directory",
    "sendmail_path",    "setgid_group",      "shlib_directory",  "meta_directory"};

bool starts_name(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool continues_name(char c) {
    return starts_name(c) || (c >= '0' && c <= '9');
}

/// The reference starting at `text[at]` (a `$`): its name and length, or an empty name.
struct Reference {
    std::string_view name;
    std::size_t length = 0;
};

Reference reference_at(std::string_view text, std::size_t at) {
    const std::size_t first = at + 1;
    if (first < text.size() && text[first] == '{') {
        const std::size_t close = text.find('}', first + 1);
        if (close == std::string_view::npos)
            return {};
        const std::string_view name = text.substr(first + 1, close - first - 1);
        if (name.empty() || !starts_name(name.front()))
            return {};
        for (char c : name) {
            if (!continues_name(c))
                return {};
        }
        return {name, close + 1 - at};
    }
    if (first >= text.size() || !starts_name(text[first]))
        return {};
    std::size_t end = first + 1;
    while (end < text.size() && continues_name(text[end]))
        ++end;
    return {text.substr(first, end - first), end - at};
}

}  // namespace

std::span<const std::string_view> installation_parameter_names() {
    return names;
}

Expected<std::string> expand_references(std::string_view text, const Parameters& parameters) {
    std::string expanded;
    std::size_t at = 0;
    while (at < text.size()) {
        const std::size_t dollar = text.find('$', at);
        if (dollar == std::string_view::npos) {
            expanded += text.substr(at);
            break;
        }
        expanded += text.substr(at, dollar - at);
        const Reference reference = reference_at(text, dollar);
        if (reference.name.empty()) {
            expanded += '$';
            at = dollar + 1;
            continue;
        }
        const auto value = parameters.find(reference.name);
        if (value == parameters.end()) {
            return Expected<std::string>::failure("unknown parameter '$" +
                                                  std::string(reference.name) + "'");
        }
        expanded += value->second;
        at = dollar + reference.length;
    }
    return expanded;
}

std::string leading_reference(std::string_view text) {
    if (!text.starts_with('$'))
        return {};
    return std::string(reference_at(text, 0).name);
}

}  // namespace pmr::postfix_files
