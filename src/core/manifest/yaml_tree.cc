#include "core/manifest/yaml_tree.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <iterator>
#include <sstream>

#include "core/manifest/yaml_nesting.h"

namespace pmr::manifest {

const YamlNode* YamlNode::find(std::string_view key) const {
    for (const YamlEntry& entry : entries) {
        if (entry.key.is_scalar() && entry.key.scalar == key)
            return &entry.value;
    }
    return nullptr;
}

namespace {

/// Where `mark` is in the whole text, for a part of it that begins on line `first_line`.
Position position_of(const YAML::Mark& mark, int first_line = 1) {
    if (mark.is_null())
        return {};
    return {mark.line + first_line, mark.column + 1};
}

std::string too_deep_message() {
    return "YAML nesting deeper than " + std::to_string(max_yaml_nesting) +
           " levels is not allowed in a manifest";
}

/// Thrown by the tree builder to stop yaml-cpp at a collection nested too deep (it was reported).
struct NestedTooDeep {};

/// Builds the first document's tree from yaml-cpp's events, as YAML::Load would build its
/// own, and refuses anchors, aliases and further documents.
class TreeBuilder final : public YAML::EventHandler {
  public:
    /// Builds the tree of `text`, which begins on line `first_line` of the file.
    TreeBuilder(std::string_view text, int first_line, const std::string& path,
                Diagnostics& problems)
        : text_(text), first_line_(first_line), path_(path), problems_(problems) {}

    /// Whether to ask for another document: after a second one there is nothing more to learn,
    /// and yaml-cpp 0.7 can return the same document forever (yaml-cpp issue #1040: a stray ','
    /// where a node belongs is never consumed, and each round allocates: a denial of service).
    [[nodiscard]] bool wants_more() const { return documents_ < 2; }

    /// The first document's root (a null when there was no document).
    [[nodiscard]] YamlNode take_root() { return std::move(root_); }

    void OnDocumentStart(const YAML::Mark& mark) override {
        if (++documents_ == 2) {
            if (mark.pos == first_document_start_) {
                const auto at = static_cast<std::size_t>(mark.pos);
                const char c = at < text_.size() ? text_[at] : ' ';
                report(mark, std::string("invalid YAML: unexpected '") + c + "'");
            } else {
                report(mark, "only one YAML document is allowed");
            }
        } else {
            first_document_start_ = mark.pos;
        }
    }
    void OnDocumentEnd() override {}

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
        check(mark, anchor);
        add(leaf(YamlNode::Kind::null, mark, {}));
    }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
        report(mark, "YAML aliases are not allowed in a manifest");
        add(leaf(YamlNode::Kind::null, mark, {}));  // keeps keys and values paired
    }
    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        check(mark, anchor);
        YamlNode node = leaf(YamlNode::Kind::scalar, mark, value);
        node.quoted = tag == "!";  // yaml-cpp's non-specific tag of a quoted scalar
        add(std::move(node));
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        check(mark, anchor);
        check_depth(mark);
        open_.push_back(Frame{leaf(YamlNode::Kind::sequence, mark, {}), std::nullopt});
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        check(mark, anchor);
        check_depth(mark);
        open_.push_back(Frame{leaf(YamlNode::Kind::mapping, mark, {}), std::nullopt});
    }
    void OnMapEnd() override { close(); }

  private:
    /// A sequence or mapping being read, and a mapping's key waiting for its value.
    struct Frame {
        YamlNode node;
        std::optional<YamlNode> key;
    };

    YamlNode leaf(YamlNode::Kind kind, const YAML::Mark& mark, const std::string& scalar) const {
        YamlNode node;
        node.kind = kind;
        node.position = position_of(mark, first_line_);
        node.scalar = scalar;
        return node;
    }

    void close() {
        if (open_.empty())
            return;
        YamlNode done = std::move(open_.back().node);
        open_.pop_back();
        add(std::move(done));
    }

    /// Puts a complete node where it belongs: the root, a sequence's next item, or a mapping's
    /// next key or value.
    void add(YamlNode node) {
        if (open_.empty()) {
            if (documents_ == 1)
                root_ = std::move(node);
            return;
        }
        Frame& parent = open_.back();
        if (parent.node.is_sequence()) {
            parent.node.items.push_back(std::move(node));
        } else if (!parent.key) {
            parent.key = std::move(node);
        } else {
            if (node.is_null() && node.position.line != parent.key->position.line) {
                node.position = parent.key->position;
            }
            parent.node.entries.push_back(YamlEntry{std::move(*parent.key), std::move(node)});
            parent.key.reset();
        }
    }

    void check(const YAML::Mark& mark, YAML::anchor_t anchor) {
        if (anchor != YAML::NullAnchor)
            report(mark, "YAML anchors are not allowed in a manifest");
    }
    /// Block collections cost yaml-cpp little memory (flow ones are refused before it runs), but
    /// the tree stops where the flow limit stops, and early.
    void check_depth(const YAML::Mark& mark) {
        if (open_.size() < static_cast<std::size_t>(max_yaml_nesting))
            return;
        report(mark, too_deep_message());
        throw NestedTooDeep{};
    }
    void report(const YAML::Mark& mark, std::string message) {
        const Position p = position_of(mark, first_line_);
        problems_.push_back(make_error(path_, p.line, p.column, std::move(message)));
    }

    std::string_view text_;
    int first_line_;
    const std::string& path_;
    Diagnostics& problems_;
    int documents_ = 0;
    int first_document_start_ = -1;
    std::vector<Frame> open_;
    YamlNode root_;
};

/// The first tab in the leading white space of a line up to `last_line` (1-based), if any.
std::optional<Position> tab_in_indentation(std::string_view text, int last_line) {
    int line = 1;
    std::size_t start = 0;
    while (start <= text.size() && (last_line <= 0 || line <= last_line)) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        for (std::size_t i = start; i < end && (text[i] == ' ' || text[i] == '\t'); ++i) {
            if (text[i] == '\t')
                return Position{line, static_cast<int>(i - start) + 1};
        }
        if (end == text.size())
            break;
        start = end + 1;
        ++line;
    }
    return std::nullopt;
}

}  // namespace

namespace {

/// One document of `text`, which begins on line `first_line` of the file, as a tree; problems
/// are reported at their place in the file.
std::optional<YamlNode> parse_document(std::string_view text, int first_line,
                                       const std::string& path, Diagnostics& problems) {
    const std::size_t before = problems.size();
    try {
        std::istringstream stream{std::string(text)};
        YAML::Parser parser(stream);
        TreeBuilder builder(text, first_line, path, problems);
        while (builder.wants_more() && parser.HandleNextDocument(builder)) {
        }
        if (problems.size() > before)
            return std::nullopt;
        return builder.take_root();
    } catch (const NestedTooDeep&) {
        return std::nullopt;
    } catch (const YAML::Exception& error) {
        // yaml-cpp's message for a tab in indentation does not say so, nor where the tab is.
        if (const auto tab = tab_in_indentation(text, position_of(error.mark).line)) {
            problems.push_back(make_error(path, tab->line + first_line - 1, tab->column,
                                          "a tab in indentation: YAML indents with spaces only"));
            return std::nullopt;
        }
        const Position p = position_of(error.mark, first_line);
        problems.push_back(make_error(path, p.line, p.column, "invalid YAML: " + error.msg));
        return std::nullopt;
    }
}

/// The sequence that is the value of the root mapping's key on line `key_line`, or nullptr.
YamlNode* list_at(YamlNode& root, int key_line) {
    if (!root.is_mapping())
        return nullptr;
    for (YamlEntry& entry : root.entries) {
        if (entry.key.position.line == key_line)
            return entry.value.is_sequence() ? &entry.value : nullptr;
    }
    return nullptr;
}

/// Whether `tree` is a sequence whose last entry is the stand-in `~` that ends a section.
bool ends_with_stand_in(const std::optional<YamlNode>& tree) {
    return tree && tree->is_sequence() && !tree->items.empty() && tree->items.back().is_null();
}

}  // namespace

std::optional<YamlNode> parse_yaml_parts(const YamlSplit& split, const std::string& path,
                                         const TaskRunner& runner) {
    std::vector<std::optional<YamlNode>> trees(split.parts.size());
    runner.run(split.parts.size(), [&](std::size_t k) {
        Diagnostics problems;
        const YamlPart& part = split.parts[k];
        trees[k] = parse_document(part.text, part.first_line, path, problems);
        if (!problems.empty() || (k > 0 && !ends_with_stand_in(trees[k])))
            trees[k].reset();
    });
    for (const auto& tree : trees) {
        if (!tree)
            return std::nullopt;
    }
    YamlNode root = std::move(*trees.front());
    YamlNode* list = list_at(root, split.key_line);
    if (list == nullptr)
        return std::nullopt;
    std::vector<YamlNode> entries;
    for (std::size_t k = 1; k < trees.size(); ++k) {
        std::vector<YamlNode>& items = trees[k]->items;
        std::move(items.begin(), items.end() - 1, std::back_inserter(entries));
    }
    std::move(list->items.begin(), list->items.end(), std::back_inserter(entries));
    list->items = std::move(entries);
    list->position = trees[1]->position;  // where the first section starts the list
    return root;
}

std::optional<YamlNode> parse_yaml_tree(std::string_view text, const std::string& path,
                                        Diagnostics& problems, const TaskRunner& runner) {
    // yaml-cpp keeps every token of an unclosed flow collection: deep ones are refused first.
    if (const auto at = find_too_deep_flow_nesting(text, max_yaml_nesting)) {
        problems.push_back(make_error(path, at->line, at->column, too_deep_message()));
        return std::nullopt;
    }
    if (runner.width() > 1 && text.size() >= min_bytes_to_split) {
        if (const auto split = split_instance_list(text, runner.width())) {
            // A part with a problem is read again with the whole text, which words the problem
            // as it is: the parts are for the manifests that have none.
            if (auto tree = parse_yaml_parts(*split, path, runner))
                return tree;
        }
    }
    return parse_document(text, 1, path, problems);
}

}  // namespace pmr::manifest
