#include "core/maincf/editor.h"

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "core/maincf/line_scanner.h"

namespace pmr::maincf {

namespace {

/// The characters that end a parameter name on a line being edited (postconf's CHARS_SPACE "=").
constexpr std::string_view name_terminators = " \t\r\n=";

std::string_view trim(std::string_view text) {
    while (!text.empty() && is_postfix_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_postfix_space(text.back()))
        text.remove_suffix(1);
    return text;
}

/// An edit as postconf's warnings show it: `name = value` (value trimmed), `-X name`, `-# name`.
std::string describe(const Edit& edit) {
    switch (edit.kind) {
        case EditKind::set:
            return edit.name + " = " + std::string(trim(edit.value));
        case EditKind::remove:
            return "-X " + edit.name;
        case EditKind::comment_out:
            return "-# " + edit.name;
        case EditKind::append_to_list:
            return edit.name + " += " + std::string(trim(edit.value));
    }
    return edit.name;
}

/// What separates the elements of a Postfix list (CHARS_COMMA_SP).
constexpr std::string_view list_separators = " \t\r\n\v\f,";

/// The elements of a Postfix list, in order.
std::vector<std::string_view> elements_of(std::string_view list) {
    std::vector<std::string_view> elements;
    for (std::size_t at = list.find_first_not_of(list_separators); at != std::string_view::npos;) {
        const std::size_t end = std::min(list.find_first_of(list_separators, at), list.size());
        elements.push_back(list.substr(at, end - at));
        at = list.find_first_not_of(list_separators, end);
    }
    return elements;
}

/// Trims `list` and adds `more`, trimmed, after it, with one space between unless either is
/// empty. In place: a run of 10,000 appends composed into one edit copies no list again.
void join_lists(std::string& list, std::string_view more) {
    while (!list.empty() && is_postfix_space(list.back()))
        list.pop_back();
    const std::size_t first = list.find_first_not_of(" \t\r\n\v\f");
    list.erase(0, first == std::string::npos ? list.size() : first);
    more = trim(more);
    if (more.empty())
        return;
    if (!list.empty())
        list += ' ';
    list += more;
}

/// `list`, trimmed, with each element of `elements` that it does not hold yet added at its end
/// after one space (EditKind::append_to_list).
std::string with_elements(std::string_view list, std::string_view elements) {
    std::string text(trim(list));
    const std::vector<std::string_view> held = elements_of(text);
    std::set<std::string, std::less<>> present(held.begin(), held.end());
    for (const std::string_view element : elements_of(elements)) {
        if (present.emplace(element).second)
            join_lists(text, element);
    }
    return text;
}

/// apply_edits() of `edits`, whose first `first_batch` edits are one postconf call and the
/// others (which name none of the same parameters) a second one: their undefined parameters
/// are appended after those of the first.
EditOutcome apply_batches(const MainCf& main_cf, std::span<const Edit> edits,
                          std::size_t first_batch);

/// `edits` with each append_to_list replaced by the set it stands for in `main_cf`.
std::vector<Edit> as_sets(const MainCf& main_cf, std::span<const Edit> edits) {
    std::vector<Edit> resolved(edits.begin(), edits.end());
    for (Edit& edit : resolved) {
        if (edit.kind != EditKind::append_to_list)
            continue;
        edit = Edit{EditKind::set, edit.name, *value_after(main_cf, edit)};
    }
    return resolved;
}

struct Request {
    const Edit* edit;
    int found = 0;
    bool second = false;  ///< of the second batch (apply_edits_in_turn())
};

/// The request that stands for each parameter named, by name.
using Requests = std::map<std::string_view, Request, std::less<>>;

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
        if (edit.kind != EditKind::set && edit.kind != EditKind::append_to_list)
            continue;
        if (edit.value.find('\n') != std::string::npos) {
            reject("parameter " + edit.name + ": value must be a single line");
        }
        if (edit.value.find('\0') != std::string::npos) {
            reject("parameter " + edit.name + ": NUL byte in value");
        }
    }
    return problems;
}

std::optional<std::string> value_after(const MainCf& main_cf, const Edit& edit) {
    switch (edit.kind) {
        case EditKind::set:
            return std::string(trim(edit.value));
        case EditKind::append_to_list:
            return with_elements(main_cf.get(edit.name).value_or(""), edit.value);
        case EditKind::remove:
        case EditKind::comment_out:
            return std::nullopt;
    }
    return std::nullopt;
}

bool compose_edits(Edit& earlier, const Edit& later) {
    const bool sets = earlier.kind == EditKind::set || earlier.kind == EditKind::append_to_list;
    if (!sets || earlier.name != later.name)
        return false;
    switch (later.kind) {
        case EditKind::set:
        case EditKind::remove:
            earlier = later;
            return true;
        case EditKind::append_to_list:
            // Elements already held are skipped when the append is applied, so two appends
            // are one of both lists.
            if (earlier.kind == EditKind::append_to_list) {
                join_lists(earlier.value, later.value);
            } else {
                earlier.value = with_elements(earlier.value, later.value);
            }
            return true;
        case EditKind::comment_out:
            return false;  // of the set's one line only
    }
    return false;
}

EditOutcome apply_edits(const MainCf& main_cf, std::span<const Edit> requested) {
    return apply_batches(main_cf, requested, requested.size());
}

EditOutcome apply_edits_in_turn(const MainCf& main_cf, std::span<const Edit> first,
                                std::span<const Edit> second) {
    const bool disjoint = std::ranges::none_of(first, [&](const Edit& a) {
        return std::ranges::any_of(second, [&](const Edit& b) { return a.name == b.name; });
    });
    if (!disjoint) {
        EditOutcome outcome = apply_edits(main_cf, first);
        EditOutcome then =
            apply_edits(MainCf::parse(std::move(outcome.text), main_cf.path()), second);
        then.warnings.insert(then.warnings.begin(), outcome.warnings.begin(),
                             outcome.warnings.end());
        then.changed = then.text != main_cf.text();
        return then;
    }
    std::vector<Edit> both(first.begin(), first.end());
    both.insert(both.end(), second.begin(), second.end());
    return apply_batches(main_cf, both, first.size());
}

namespace {

/// The last of `edits` for each parameter, by name (those from index `first_batch` on are of the
/// second batch); a warning in `warnings`, located at `path`, for each earlier one it overrides.
Requests requests_by_name(const std::string& path, std::span<const Edit> edits,
                          std::size_t first_batch, Diagnostics& warnings) {
    Requests requests;
    for (const Edit& edit : edits) {
        const bool second = static_cast<std::size_t>(&edit - edits.data()) >= first_batch;
        auto [it, inserted] = requests.try_emplace(edit.name, Request{&edit, 0, second});
        if (!inserted) {
            warnings.push_back(make_warning(
                path, 0, 0, "ignoring earlier request: '" + describe(*it->second.edit) + "'"));
            it->second.edit = &edit;
        }
    }
    return requests;
}

/// Appends the head line of an entry, `line`, to `outcome.text` as the request of its parameter
/// makes it: a set's new value, a comment-out's `#`, nothing for a remove, the line itself when
/// none is requested. Counts the entry, with a warning at a parameter's second one. Returns the
/// edit that owns the entry's continuation lines, or nullptr.
const Edit* rewrite_head(std::string_view line, Requests& requests, const MainCf& main_cf,
                         EditOutcome& outcome) {
    std::string& output = outcome.text;
    const std::string_view key = line.substr(0, line.find_first_of(name_terminators));
    auto it = requests.find(key);
    const Edit* current = it == requests.end() ? nullptr : it->second.edit;
    if (current == nullptr) {
        output.append(line);
        return nullptr;
    }
    if (++it->second.found == 2) {
        outcome.warnings.push_back(make_warning(
            main_cf.path(), 0, 0, "multiple entries for \"" + std::string(key) + "\""));
    }
    switch (current->kind) {
        case EditKind::set:
            output.append(key).append(" = ").append(trim(current->value)).append("\n");
            break;
        case EditKind::comment_out:
            output.append("#").append(line);
            break;
        case EditKind::remove:
        case EditKind::append_to_list:  // resolved to a set before
            break;
    }
    return current;
}

/// Appends `main_cf`'s text to `outcome.text` with each requested parameter's entries rewritten
/// (rewrite_head()); every other byte is kept.
void copy_with_edits(const MainCf& main_cf, Requests& requests, EditOutcome& outcome) {
    std::string& output = outcome.text;
    const Edit* current = nullptr;  // the edit that owns the logical line being copied
    LineCursor cursor(main_cf.text());
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
            case LineKind::head:
                current = rewrite_head(line, requests, main_cf, outcome);
                break;
        }
    }
}

/// Appends `name = value` for each set in `requests` whose parameter main.cf did not hold, the
/// first batch's before the second's, each batch in name order, after a newline when `output`
/// does not end with one.
void append_undefined(const Requests& requests, std::string& output) {
    // std::map iterates in name order: the appended block of each batch is sorted.
    bool newline_checked = false;
    for (const bool second : {false, true}) {
        for (const auto& [name, request] : requests) {
            if (request.second != second)
                continue;
            if (request.found > 0 || request.edit->kind != EditKind::set)
                continue;
            if (!newline_checked && !output.empty() && output.back() != '\n') {
                output.push_back('\n');
            }
            newline_checked = true;
            output.append(name).append(" = ").append(trim(request.edit->value)).append("\n");
        }
    }
}

EditOutcome apply_batches(const MainCf& main_cf, std::span<const Edit> requested,
                          std::size_t first_batch) {
    const bool appends = std::ranges::any_of(
        requested, [](const Edit& e) { return e.kind == EditKind::append_to_list; });
    std::vector<Edit> resolved;
    if (appends)
        resolved = as_sets(main_cf, requested);
    const std::span<const Edit> edits = appends ? std::span<const Edit>(resolved) : requested;
    EditOutcome outcome;
    Requests requests = requests_by_name(main_cf.path(), edits, first_batch, outcome.warnings);
    outcome.text.reserve(main_cf.text().size() + 64 * requests.size());
    copy_with_edits(main_cf, requests, outcome);
    append_undefined(requests, outcome.text);
    outcome.changed = outcome.text != main_cf.text();
    return outcome;
}

}  // namespace

}  // namespace pmr::maincf
