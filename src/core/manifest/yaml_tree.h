#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/manifest/manifest.h"
#include "core/manifest/yaml_split.h"
#include "core/support/diagnostic.h"
#include "core/support/task_runner.h"

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

    /// The same node: kind, position, text and children (what parsing in parts must keep).
    friend bool operator==(const YamlNode&, const YamlNode&) = default;
};

/// A key and its value.
struct YamlEntry {
    YamlNode key;
    YamlNode value;
    friend bool operator==(const YamlEntry&, const YamlEntry&) = default;
};

/// A text at least this long is parsed in parts at once, when it can be (yaml_split.h) and the
/// runner runs more than one task at once: below it, a thread costs more than it saves.
inline constexpr std::size_t min_bytes_to_split = 64 * 1024;

/// Parses the first YAML document of `text` into a tree in one pass of yaml-cpp's event
/// parser. Refuses what a manifest never needs and that can be abused: anchors and aliases (an
/// "alias bomb" expands exponentially), a second document, and collections nested more than
/// max_yaml_nesting deep (flow ones before yaml-cpp runs: see yaml_nesting.h). Problems are
/// reported as `PATH:LINE:COL: message`; the tree is returned only when there is none. Text
/// without a document is a null root. A long text whose `instances:` list can be cut is parsed
/// in parts on `runner` (parse_yaml_parts); the tree and the problems are the same either way.
[[nodiscard]] std::optional<YamlNode> parse_yaml_tree(
    std::string_view text, const std::string& path, Diagnostics& problems,
    const TaskRunner& runner = SequentialRunner{});

/// The tree of the whole text that `split` was cut from, its parts parsed on `runner` and the
/// list's entries joined in order; positions are those in the whole text. nullopt when a part
/// has any problem (then only the whole text says which, and where). Checks nothing that
/// parse_yaml_tree() checks before it parses (the nesting of flow collections).
[[nodiscard]] std::optional<YamlNode> parse_yaml_parts(const YamlSplit& split,
                                                       const std::string& path,
                                                       const TaskRunner& runner);

}  // namespace pmr::manifest
