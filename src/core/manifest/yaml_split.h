#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pmr::manifest {

/// A piece of a manifest's text that yaml-cpp parses on its own.
struct YamlPart {
    std::string text;
    int first_line = 1;  ///< the line of the whole text on which `text` begins (1-based)
};

/// A manifest's text cut so that its `instances:` list can be parsed in parts, at once:
/// yaml-cpp needs about 1,500 instructions a byte, and a 10,000-instance manifest is megabytes.
/// The list is cut into sections at entry starts. yaml-cpp reads the end of a section by what
/// follows it (a key without a value is accepted before the end of the text, refused before
/// the next entry; an empty entry's null is placed where the next token starts), so each part
/// ends as its section does in the whole text.
struct YamlSplit {
    /// parts[0], the head: the whole text with the lines of every section but the last one
    /// emptied (so that every line keeps its number); the last section stays there, followed by
    /// what follows the list. parts[1...]: the other sections in order, each a block sequence
    /// on its own, followed by one more entry `- ~` on the line where the next section starts,
    /// as it is followed in the whole text; that entry is not part of the list.
    std::vector<YamlPart> parts;
    int key_line = 0;  ///< the line of the `instances:` key whose list was cut
};

/// Cuts `text` into at most `parts` parts (see YamlSplit), or nullopt when it cannot be cut
/// safely or not at all: only a top-level `instances:` key alone on its line, followed by a
/// block sequence whose entries start at one indentation, in a text whose every line is
/// self-contained (is_self_contained_line: no quote, flow collection or block scalar spans a
/// line break, so no cut lands inside one) and that has no tab, carriage return, document
/// marker or directive. Cuts fall at entry starts, near equal shares of the list's bytes.
[[nodiscard]] std::optional<YamlSplit> split_instance_list(std::string_view text,
                                                           std::size_t parts);

}  // namespace pmr::manifest
