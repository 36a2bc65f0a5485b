#include "core/manifest/yaml_split.h"

#include "core/manifest/yaml_line_check.h"

namespace pmr::manifest {

namespace {

/// One line of the text, without its line break.
struct Line {
    std::string_view text;
    std::size_t offset = 0;  ///< where it starts in the whole text
    std::size_t indent = 0;  ///< leading spaces
    /// Blank or a comment only: YAML ignores it whatever its indentation.
    [[nodiscard]] bool is_insignificant() const {
        return indent == text.size() || text[indent] == '#';
    }
    /// `- ` (or a lone `-`) after the indentation: a block sequence entry starts here.
    [[nodiscard]] bool starts_entry() const {
        return indent < text.size() && text[indent] == '-' &&
               (indent + 1 == text.size() || text[indent + 1] == ' ');
    }
};

std::vector<Line> lines_of(std::string_view text) {
    std::vector<Line> lines;
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        Line line{text.substr(start, end - start), start, 0};
        while (line.indent < line.text.size() && line.text[line.indent] == ' ')
            ++line.indent;
        lines.push_back(line);
        start = end + 1;
    }
    return lines;
}

/// A document marker or a directive: the text may hold several documents.
bool starts_document_syntax(std::string_view line) {
    return line.starts_with("---") || line.starts_with("...") || line.starts_with('%');
}

/// Whether `line` is the key `instances:` at the top level, alone (a comment may follow).
bool is_instances_key(std::string_view line) {
    constexpr std::string_view key = "instances:";
    if (!line.starts_with(key))
        return false;
    const std::size_t rest = line.find_first_not_of(' ', key.size());
    return rest == std::string_view::npos || (rest > key.size() && line[rest] == '#');
}

/// The list under the `instances:` key: its entries' indentation and the lines it spans.
struct ListSpan {
    std::size_t key = 0;               ///< index of the key's line
    std::vector<std::size_t> entries;  ///< indices of the lines where entries start
    std::size_t end = 0;               ///< index of the first line after the list
};

std::optional<ListSpan> find_list(const std::vector<Line>& lines) {
    ListSpan span;
    std::size_t i = 0;
    while (i < lines.size() && !is_instances_key(lines[i].text))
        ++i;
    if (i == lines.size())
        return std::nullopt;
    span.key = i++;
    while (i < lines.size() && lines[i].is_insignificant())
        ++i;
    if (i == lines.size() || !lines[i].starts_entry())
        return std::nullopt;
    const std::size_t indent = lines[i].indent;
    for (; i < lines.size(); ++i) {
        const Line& line = lines[i];
        if (line.is_insignificant() || line.indent > indent)
            continue;
        if (line.indent == indent && line.starts_entry()) {
            span.entries.push_back(i);
            continue;
        }
        if (line.indent != 0)
            return std::nullopt;  // neither in the list nor a top-level key: not for us to read
        break;
    }
    span.end = i;
    return span;
}

bool every_line_is_plain_yaml(const std::vector<Line>& lines) {
    for (const Line& line : lines) {
        if (starts_document_syntax(line.text) || !is_self_contained_line(line.text))
            return false;
    }
    return true;
}

/// The entry lines where the list is cut: the first entry start at or after each equal share
/// of its bytes, the first entry excluded (the head keeps at least one).
std::vector<std::size_t> choose_cuts(const std::vector<Line>& lines, const ListSpan& span,
                                     std::size_t text_size, std::size_t parts) {
    const std::size_t begin = lines[span.entries.front()].offset;
    const std::size_t end = span.end < lines.size() ? lines[span.end].offset : text_size;
    std::vector<std::size_t> cuts;
    std::size_t next = 1;
    for (std::size_t share = 1; share < parts; ++share) {
        const std::size_t target = begin + (end - begin) * share / parts;
        while (next < span.entries.size() && lines[span.entries[next]].offset < target)
            ++next;
        if (next == span.entries.size())
            break;
        cuts.push_back(span.entries[next++]);
    }
    return cuts;
}

}  // namespace

std::optional<YamlSplit> split_instance_list(std::string_view text, std::size_t parts) {
    // Two scans for one character each: find_first_of() would test every byte against a set.
    if (parts < 2 || text.find('\t') != std::string_view::npos ||
        text.find('\r') != std::string_view::npos)
        return std::nullopt;
    const std::vector<Line> lines = lines_of(text);
    const auto span = find_list(lines);
    if (!span || !every_line_is_plain_yaml(lines))
        return std::nullopt;
    const std::vector<std::size_t> cuts = choose_cuts(lines, *span, text.size(), parts);
    if (cuts.empty())
        return std::nullopt;

    const auto offset_of = [&](std::size_t line) {
        return line < lines.size() ? lines[line].offset : text.size();
    };
    // Sections of the list: from its first entry to the first cut, from cut to cut, and from
    // the last cut to the end of the list.
    std::vector<std::size_t> bounds{span->entries.front()};
    bounds.insert(bounds.end(), cuts.begin(), cuts.end());
    const std::string next_entry(lines[span->entries.front()].indent, ' ');

    YamlSplit split;
    split.key_line = static_cast<int>(span->key) + 1;
    YamlPart head;
    head.text.reserve(text.size());
    head.text.append(text.substr(0, offset_of(bounds.front())));
    head.text.append(bounds.back() - bounds.front(), '\n');
    head.text.append(text.substr(offset_of(bounds.back())));
    split.parts.push_back(std::move(head));
    for (std::size_t k = 0; k + 1 < bounds.size(); ++k) {
        const std::size_t from = offset_of(bounds[k]);
        YamlPart part{std::string(text.substr(from, offset_of(bounds[k + 1]) - from)),
                      static_cast<int>(bounds[k]) + 1};
        part.text += next_entry + "- ~\n";  // what follows the section in the whole text
        split.parts.push_back(std::move(part));
    }
    return split;
}

}  // namespace pmr::manifest
