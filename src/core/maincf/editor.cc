#include "core/maincf/editor.h"

#include <algorithm>
#include <map>

#include "core/maincf/line_scanner.h"

namespace pmr::maincf {

namespace {

/// The characters that end a parameter name on a line being edited (postconf's CHARS_SPACE "=").
constexpr std::string_view name_terminators = " \t\r\n=";

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_postfix_space(text.front())) text.remove_prefix(1);
    while (!text.empty() && is_postfix_space(text.back())) text.remove_suffix(1);
    return text;
}

/// An edit as postconf's warnings show it: `name = value` (value trimmed), `-X name`, `-# name`.
std::string describe(const Edit& edit) {
    switch (edit.kind) {
        case EditKind::set: return edit.name + " = " + std::string(trim(edit.value));
        case EditKind::remove: return "-X " + edit.name;
        case EditKind::comment_out: return "-# " + edit.name;
    }
    return edit.name;
}

struct Request {
    const Edit* edit;
    int found = 0;
};

}  // namespace

Diagnostics validate_edits(std::span<const Edit> edits, std::string_view origin) {
    Diagnostics problems;
    for (const Edit& edit : edits) {
        auto reject = [&](std::string what) {
            problems.push_back(make_error(origin, 0, 0, std::move(what)));
        };
        if (edit.name.empty()) {
            reject("empty parameter name");
            continue;
        }
        if (edit.name.find_first_of(" \t\r\n\v\f=") != std::string::npos) {
            reject("bad parameter name \"" + edit.name + "\": white space or '=' not allowed");
        } else if (edit.name.front() == '#') {
            reject("bad parameter name \"" + edit.name + "\": must not start with '#'");
        } else if (edit.name.find('\0') != std::string::npos) {
            reject("bad parameter name: NUL byte");
        }
        if (edit.kind != EditKind::set) continue;
        if (edit.value.find('\n') != std::string::npos) {
            reject("parameter " + edit.name + ": value must be a single line");
        }
        if (edit.value.find('\0') != std::string::npos) {
            reject("parameter " + edit.name + ": NUL byte in value");
        }
    }
    return problems;
}

EditOutcome apply_edits(const MainCf& main_cf, std::span<const Edit> edits) {
    EditOutcome outcome;
    std::map<std::string_view, Request, std::less<>> requests;
    for (const Edit& edit : edits) {
        auto [it, inserted] = requests.try_emplace(edit.name, Request{&edit});
        if (!inserted) {
            outcome.warnings.push_back(
                make_warning(main_cf.path(), 0, 0,
                             "ignoring earlier request: '" + describe(*it->second.edit) + "'"));
            it->second.edit = &edit;
        }
    }

    const std::string& input = main_cf.text();
    std::string& output = outcome.text;
    output.reserve(input.size() + 64 * requests.size());

    const Edit* current = nullptr;  // the edit that owns the logical line being copied
    LineCursor cursor(input);
    std::string_view line;
    while (cursor.next(line)) {
        switch (classify_line(line)) {
            case LineKind::ignored:
                output.append(line);  // comments and blank lines always survive
                break;
            case LineKind::continuation:
                if (current == nullptr) {
                    output.append(line);
                } else if (current->kind == EditKind::comment_out) {
                    output.append("#").append(line);
                }  // set and remove drop continuation lines
                break;
            case LineKind::head: {
                const std::string_view key = line.substr(0, line.find_first_of(name_terminators));
                auto it = requests.find(key);
                current = it == requests.end() ? nullptr : it->second.edit;
                if (current == nullptr) {
                    output.append(line);
                    break;
                }
                if (++it->second.found == 2) {
                    outcome.warnings.push_back(make_warning(
                        main_cf.path(), 0, 0,
                        "multiple entries for \"" + std::string(key) + "\""));
                }
                switch (current->kind) {
                    case EditKind::set:
                        output.append(key).append(" = ").append(trim(current->value)).append("\n");
                        break;
                    case EditKind::comment_out:
                        output.append("#").append(line);
                        break;
                    case EditKind::remove:
                        break;
                }
                break;
            }
        }
    }

    // std::map iterates in name order: the appended block is sorted.
    bool newline_checked = false;
    for (const auto& [name, request] : requests) {
        if (request.found > 0 || request.edit->kind != EditKind::set) continue;
        if (!newline_checked && !output.empty() && output.back() != '\n') output.push_back('\n');
        newline_checked = true;
        output.append(name).append(" = ").append(trim(request.edit->value)).append("\n");
    }
    outcome.changed = output != input;
    return outcome;
}

}  // namespace pmr::maincf
