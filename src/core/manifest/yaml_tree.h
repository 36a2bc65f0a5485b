#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/manifest/manifest.h"
#include "core/support/diagnostic.h"

namespace pmr::manifest {

struct YamlEntry;

/// One node of a YAML document as the manifest reader needs it: a null, a scalar, a sequence
/// or a mapping, and where it was written.
struct YamlNode {
    enum class Kind : std::uint8_t { null, scalar, sequence, mapping };

    Kind kind = Kind::null;
    /// Where the node starts. An empty value (`name:` at the end of a line) is placed at its
    /// key: the parser would place it where the next token starts, often on a later line.
    Position position;
    std::string scalar;              ///< the text of a scalar
    bool quoted = false;             ///< a scalar written in quotes: a string, never a boolean
    std::vector<YamlNode> items;     ///< a sequence's items
    std::vector<YamlEntry> entries;  ///< a mapping's entries, in document order, repeats kept

    [[nodiscard]] bool is_null() const { return kind == Kind::null; }
    [[nodiscard]] bool is_scalar() const { return kind == Kind::scalar; }
    [[nodiscard]] bool is_sequence() const { return kind == Kind::sequence; }
    [[nodiscard]] bool is_mapping() const { return kind == Kind::mapping; }
    /// The value of the first entry whose key is the scalar `key`, or nullptr (also when this
    /// is not a mapping).
    [[nodiscard]] const YamlNode* find(std::string_view key) const;
};

/// A key and its value.
struct YamlEntry {
    YamlNode key;
    YamlNode value;
};

/// Parses the first YAML document of `text` into a tree in one pass of yaml-cpp's event
/// parser. Refuses what a manifest never needs and that can be abused: anchors and aliases (an
/// "alias bomb" expands exponentially), a second document, and collections nested more than
/// max_yaml_nesting deep (flow ones before yaml-cpp runs: see yaml_nesting.h). Problems are
/// reported as `PATH:LINE:COL: message`; the tree is returned only when there is none. Text
/// without a document is a null root.
[[nodiscard]] std::optional<YamlNode> parse_yaml_tree(std::string_view text,
                                                      const std::string& path,
                                                      Diagnostics& problems);

}  // namespace pmr::manifest
