#include "core/manifest/manifest_parser.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>
#include <sstream>

namespace pmr::manifest {

namespace {

Position position_of(const YAML::Mark& mark) {
    if (mark.is_null()) return {};
    return {mark.line + 1, mark.column + 1};
}

/// Refuses YAML features a manifest never needs and that can be abused: anchors and aliases
/// (an "alias bomb" expands exponentially) and several documents in one file.
class FeatureScanner final : public YAML::EventHandler {
public:
    FeatureScanner(std::string_view text, const std::string& path, Diagnostics& problems)
        : text_(text), path_(path), problems_(problems) {}

    /// Whether to ask for another document: after a second one there is nothing more to learn,
    /// and yaml-cpp 0.7 can return the same document forever (yaml-cpp issue #1040: a stray ','
    /// where a node belongs is never consumed, and each round allocates: a denial of service).
    [[nodiscard]] bool wants_more() const { return documents_ < 2; }

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
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { check(mark, anchor); }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
        report(mark, "YAML aliases are not allowed in a manifest");
    }
    void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  const std::string&) override {
        check(mark, anchor);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        check(mark, anchor);
    }
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        check(mark, anchor);
    }
    void OnMapEnd() override {}

private:
    void check(const YAML::Mark& mark, YAML::anchor_t anchor) {
        if (anchor != YAML::NullAnchor) report(mark, "YAML anchors are not allowed in a manifest");
    }
    void report(const YAML::Mark& mark, std::string message) {
        const Position p = position_of(mark);
        problems_.push_back(make_error(path_, p.line, p.column, std::move(message)));
    }

    std::string_view text_;
    const std::string& path_;
    Diagnostics& problems_;
    int documents_ = 0;
    int first_document_start_ = -1;
};

/// Walks the YAML tree into a Manifest, collecting every problem.
class TreeReader {
public:
    /// `partial`: return what could be read despite structural problems.
    TreeReader(const std::string& path, Diagnostics& problems, bool partial = false)
        : path_(path), problems_(problems), partial_(partial) {}

    std::optional<Manifest> read(const YAML::Node& root) {
        Manifest manifest;
        manifest.path = path_;
        if (!root.IsDefined() || root.IsNull()) {
            report(root, "the manifest is empty (expected at least 'version: 1')");
            return std::nullopt;
        }
        if (!root.IsMap()) {
            report(root, "the manifest must be a mapping with 'version' and 'instances'");
            return std::nullopt;
        }
        check_keys(root, {"version", "primary", "unmanaged", "instances"}, "the manifest");
        if (const YAML::Node version = root["version"]; !version) {
            report(root, "missing required key 'version' (use 'version: 1')");
        } else if (!version.IsScalar() || version.Scalar() != "1") {
            report(version, "unsupported manifest version '" + scalar_text(version) +
                                "' (this pmreconcile reads version 1)");
        }
        if (const YAML::Node primary = root["primary"]) {
            if (primary.IsMap()) {
                check_keys(primary, {"parameters"}, "'primary'");
                if (const YAML::Node parameters = primary["parameters"]) {
                    manifest.primary_parameters = read_parameters(parameters);
                }
            } else if (!primary.IsNull()) {
                report(primary, "'primary' must be a mapping with 'parameters'");
            }
        }
        if (const YAML::Node unmanaged = root["unmanaged"]) {
            const std::string word = scalar_text(unmanaged);
            if (word == "keep") {
                manifest.unmanaged = Unmanaged::keep;
            } else if (word == "deport") {
                manifest.unmanaged = Unmanaged::deport;
            } else if (word == "destroy") {
                manifest.unmanaged = Unmanaged::destroy;
            } else {
                report(unmanaged, "'unmanaged' must be keep, deport or destroy, not '" + word + "'");
            }
        }
        if (const YAML::Node instances = root["instances"]) {
            if (instances.IsSequence()) {
                for (const YAML::Node& entry : instances) {
                    if (auto instance = read_instance(entry)) {
                        manifest.instances.push_back(std::move(*instance));
                    }
                }
            } else if (!instances.IsNull()) {
                report(instances, "'instances' must be a list");
            }
        }
        if (has_errors(problems_) && !partial_) return std::nullopt;
        return manifest;
    }

private:
    std::optional<DesiredInstance> read_instance(const YAML::Node& entry) {
        if (!entry.IsMap()) {
            report(entry, "each instance must be a mapping with at least 'name'");
            return std::nullopt;
        }
        DesiredInstance instance;
        instance.position = position_of(entry.Mark());
        check_keys(entry,
                   {"name", "group", "enable", "config_directory", "queue_directory",
                    "data_directory", "parameters", "protect", "state"},
                   "an instance");
        if (const YAML::Node name = entry["name"]; !name) {
            report(entry, "missing required key 'name'");
        } else {
            instance.name = string_value(name, "name").value_or("");
            instance.name_position = position_of(name.Mark());
        }
        if (const YAML::Node group = entry["group"]) {
            instance.group = group.IsNull() ? "" : string_value(group, "group").value_or("");
        }
        if (const YAML::Node enable = entry["enable"]) instance.enable = bool_value(enable, "enable");
        if (const YAML::Node protect = entry["protect"]) {
            instance.protect = bool_value(protect, "protect").value_or(false);
        }
        for (auto [key, slot] : {std::pair{"config_directory", &instance.config_directory},
                                 std::pair{"queue_directory", &instance.queue_directory},
                                 std::pair{"data_directory", &instance.data_directory}}) {
            if (const YAML::Node node = entry[key]) *slot = string_value(node, key);
        }
        if (const YAML::Node parameters = entry["parameters"]) {
            instance.parameters = read_parameters(parameters);
        }
        if (const YAML::Node state = entry["state"]) {
            const std::string word = scalar_text(state);
            if (word == "present") {
                instance.state = DesiredState::present;
            } else if (word == "absent") {
                instance.state = DesiredState::absent;
            } else {
                report(state, "'state' must be present or absent, not '" + word + "'");
            }
        }
        return instance;
    }

    std::vector<Parameter> read_parameters(const YAML::Node& node) {
        std::vector<Parameter> parameters;
        if (node.IsNull()) return parameters;
        if (!node.IsMap()) {
            report(node, "'parameters' must be a mapping of main.cf names to values");
            return parameters;
        }
        std::set<std::string> seen;
        for (const auto& item : node) {
            const YAML::Node& key = item.first;
            const YAML::Node& value = item.second;
            if (!key.IsScalar()) {
                report(key, "a parameter name must be a plain word");
                continue;
            }
            Parameter parameter{key.Scalar(), std::nullopt, position_of(key.Mark())};
            if (!seen.insert(parameter.name).second) {
                report(key, "parameter '" + parameter.name + "' is listed twice");
                continue;
            }
            if (value.IsScalar()) {
                parameter.value = value.Scalar();
            } else if (!value.IsNull()) {
                report(value, "the value of '" + parameter.name +
                                  "' must be a string, a number or null (to remove it)");
                continue;
            }
            parameters.push_back(std::move(parameter));
        }
        return parameters;
    }

    std::optional<std::string> string_value(const YAML::Node& node, std::string_view key) {
        if (node.IsScalar()) return node.Scalar();
        report(node, "'" + std::string(key) + "' must be a string");
        return std::nullopt;
    }

    std::optional<bool> bool_value(const YAML::Node& node, std::string_view key) {
        const std::string word = scalar_text(node);
        if (word == "true" || word == "yes") return true;
        if (word == "false" || word == "no") return false;
        report(node, "'" + std::string(key) + "' must be true or false, not '" + word + "'");
        return std::nullopt;
    }

    /// Also refuses a key given twice (yaml-cpp would silently take the first), and notes
    /// empty values so that their problems are located at their key.
    void check_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                    std::string_view where) {
        std::set<std::string> seen;
        for (const auto& item : map) {
            const std::string key = item.first.IsScalar() ? item.first.Scalar() : "?";
            if (item.second.IsNull() && item.second.Mark().line != item.first.Mark().line) {
                empty_values_.emplace_back(item.second, item.first.Mark());
            }
            if (item.first.IsScalar() && !seen.insert(key).second) {
                report(item.first, "key '" + key + "' is listed twice");
                continue;
            }
            if (std::ranges::find(allowed, key) != allowed.end()) continue;
            std::string expected;
            for (std::string_view a : allowed) expected += (expected.empty() ? "" : ", ") + std::string(a);
            report(item.first, "unknown key '" + key + "' in " + std::string(where) +
                                   " (expected one of: " + expected + ")");
        }
    }

    static std::string scalar_text(const YAML::Node& node) {
        if (node.IsScalar()) return node.Scalar();
        if (node.IsNull()) return "null";
        return node.IsMap() ? "a mapping" : "a list";
    }

    void report(const YAML::Node& node, std::string message) {
        YAML::Mark mark = node.Mark();
        // yaml-cpp marks an empty value (`name:`) where the next token starts, often on a later
        // line: point at its key instead.
        for (const auto& [value, key_mark] : empty_values_) {
            if (node.is(value)) mark = key_mark;
        }
        const Position p = position_of(mark);
        problems_.push_back(make_error(path_, p.line, p.column, std::move(message)));
    }

    const std::string& path_;
    Diagnostics& problems_;
    bool partial_ = false;
    std::vector<std::pair<YAML::Node, YAML::Mark>> empty_values_;  ///< and their keys' marks
};

/// parse_manifest(), returning what could be read despite structural problems when `partial`.
std::optional<Manifest> parse(std::string_view text, const std::string& path,
                              Diagnostics& problems, bool partial) {
    if (text.size() > max_manifest_bytes) {
        problems.push_back(make_error(path, 0, 0,
                                      "manifest too large (" + std::to_string(text.size()) +
                                          " bytes; the limit is " +
                                          std::to_string(max_manifest_bytes) + ")"));
        return std::nullopt;
    }
    if (text.find('\0') != std::string_view::npos) {
        problems.push_back(make_error(path, 0, 0, "manifest contains a NUL byte"));
        return std::nullopt;
    }
    const std::size_t before = problems.size();
    try {
        std::istringstream stream{std::string(text)};
        YAML::Parser parser(stream);
        FeatureScanner scanner(text, path, problems);
        while (scanner.wants_more() && parser.HandleNextDocument(scanner)) {
        }
        if (problems.size() > before) return std::nullopt;
        return TreeReader(path, problems, partial).read(YAML::Load(std::string(text)));
    } catch (const YAML::Exception& error) {
        const Position p = position_of(error.mark);
        problems.push_back(make_error(path, p.line, p.column, "invalid YAML: " + error.msg));
        return std::nullopt;
    }
}

}  // namespace

std::optional<Manifest> parse_manifest(std::string_view text, const std::string& path,
                                       Diagnostics& problems) {
    return parse(text, path, problems, false);
}

std::optional<Manifest> parse_and_validate(std::string_view text, const std::string& path,
                                           const PrimaryDirectories& primary,
                                           Diagnostics& problems) {
    Diagnostics found;
    auto manifest = parse(text, path, found, true);
    if (manifest) {
        for (Diagnostic& d : validate(*manifest, primary)) found.push_back(std::move(d));
    }
    std::ranges::stable_sort(found, [](const Diagnostic& x, const Diagnostic& y) {
        return x.line < y.line;
    });
    const bool failed = has_errors(found);
    for (Diagnostic& d : found) problems.push_back(std::move(d));
    if (failed) return std::nullopt;
    return manifest;
}

}  // namespace pmr::manifest
