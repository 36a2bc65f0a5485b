#include "core/manifest/manifest_parser.h"

#include <algorithm>
#include <set>
#include <tuple>

#include "core/manifest/services_reader.h"
#include "core/manifest/yaml_tree.h"

namespace pmr::manifest {

namespace {

/// Walks the YAML tree into a Manifest, collecting every problem.
class TreeReader {
  public:
    /// `partial`: return what could be read despite structural problems.
    TreeReader(const std::string& path, Diagnostics& problems, bool partial = false)
        : path_(path), problems_(problems), partial_(partial) {}

    std::optional<Manifest> read(const YamlNode& root) {
        Manifest manifest;
        manifest.path = path_;
        if (root.is_null()) {
            report(root, "the manifest is empty (expected at least 'version: 1')");
            return std::nullopt;
        }
        if (!root.is_mapping()) {
            report(root, "the manifest must be a mapping with 'version' and 'instances'");
            return std::nullopt;
        }
        check_keys(root, {"version", "primary", "unmanaged", "instances", "endpoints"},
                   "the manifest");
        if (const YamlNode* version = root.find("version"); !version) {
            report(root, "missing required key 'version' (use 'version: 1')");
        } else if (!version->is_scalar() || version->scalar != "1") {
            report(*version, "unsupported manifest version '" + scalar_text(*version) +
                                 "' (this pmreconcile reads version 1)");
        }
        if (const YamlNode* primary = root.find("primary")) {
            if (primary->is_mapping()) {
                check_keys(*primary, {"parameters", "services", "running"}, "'primary'");
                if (const YamlNode* running = primary->find("running"))
                    manifest.primary_running = bool_value(*running, "running");
                if (const YamlNode* parameters = primary->find("parameters")) {
                    manifest.primary_parameters = read_parameters(*parameters);
                }
                if (const YamlNode* services = primary->find("services")) {
                    manifest.primary_services = read_services(*services, path_, problems_);
                }
            } else if (!primary->is_null()) {
                report(*primary,
                       "'primary' must be a mapping with 'parameters', 'services' or "
                       "'running'");
            }
        }
        if (const YamlNode* unmanaged = root.find("unmanaged")) {
            const std::string word = scalar_text(*unmanaged);
            if (word == "keep") {
                manifest.unmanaged = Unmanaged::keep;
            } else if (word == "deport") {
                manifest.unmanaged = Unmanaged::deport;
            } else if (word == "destroy") {
                manifest.unmanaged = Unmanaged::destroy;
            } else {
                report(*unmanaged,
                       "'unmanaged' must be keep, deport or destroy, not '" + word + "'");
            }
        }
        if (const YamlNode* instances = root.find("instances")) {
            if (instances->is_sequence()) {
                manifest.instances.reserve(instances->items.size());
                for (const YamlNode& entry : instances->items) {
                    if (auto instance = read_instance(entry)) {
                        manifest.instances.push_back(std::move(*instance));
                    }
                }
            } else if (!instances->is_null()) {
                report(*instances, "'instances' must be a list");
            }
        }
        if (const YamlNode* endpoints = root.find("endpoints")) {
            if (endpoints->is_sequence()) {
                for (const YamlNode& entry : endpoints->items) {
                    if (auto endpoint = read_endpoint(entry))
                        manifest.endpoints.push_back(std::move(*endpoint));
                }
            } else if (!endpoints->is_null()) {
                report(*endpoints, "'endpoints' must be a list");
            }
        }
        if (has_errors(problems_) && !partial_)
            return std::nullopt;
        return manifest;
    }

  private:
    std::optional<DesiredInstance> read_instance(const YamlNode& entry) {
        if (!entry.is_mapping()) {
            report(entry, "each instance must be a mapping with at least 'name'");
            return std::nullopt;
        }
        DesiredInstance instance;
        instance.position = entry.position;
        check_keys(entry,
                   {"name", "group", "enable", "config_directory", "queue_directory",
                    "data_directory", "parameters", "services", "protect", "state", "running"},
                   "an instance");
        if (const YamlNode* name = entry.find("name"); !name) {
            report(entry, "missing required key 'name'");
        } else {
            instance.name = string_value(*name, "name").value_or("");
            instance.name_position = name->position;
        }
        if (const YamlNode* group = entry.find("group")) {
            instance.group_position = group->position;
            instance.group = group->is_null() ? "" : string_value(*group, "group").value_or("");
        }
        if (const YamlNode* enable = entry.find("enable")) {
            instance.enable = bool_value(*enable, "enable");
        }
        if (const YamlNode* running = entry.find("running")) {
            instance.running = bool_value(*running, "running");
            instance.running_position = running->position;
        }
        if (const YamlNode* protect = entry.find("protect")) {
            instance.protect = bool_value(*protect, "protect").value_or(false);
        }
        for (auto [key, slot, where] : {std::tuple{"config_directory", &instance.config_directory,
                                                   &instance.config_directory_position},
                                        std::tuple{"queue_directory", &instance.queue_directory,
                                                   &instance.queue_directory_position},
                                        std::tuple{"data_directory", &instance.data_directory,
                                                   &instance.data_directory_position}}) {
            if (const YamlNode* node = entry.find(key)) {
                *slot = string_value(*node, key);
                *where = node->position;
            }
        }
        if (const YamlNode* parameters = entry.find("parameters")) {
            instance.parameters = read_parameters(*parameters);
        }
        if (const YamlNode* services = entry.find("services")) {
            instance.services = read_services(*services, path_, problems_);
        }
        if (const YamlNode* state = entry.find("state")) {
            const std::string word = scalar_text(*state);
            if (word == "present") {
                instance.state = DesiredState::present;
            } else if (word == "absent") {
                instance.state = DesiredState::absent;
            } else {
                report(*state, "'state' must be present or absent, not '" + word + "'");
            }
        }
        return instance;
    }

    /// One entry of `endpoints:`: `name` and `listen` required, `forwards_to` optional, all
    /// strings (what they mean is checked by flow::check_endpoints()).
    std::optional<ExternalEndpoint> read_endpoint(const YamlNode& entry) {
        if (!entry.is_mapping()) {
            report(entry, "each endpoint must be a mapping with 'name' and 'listen'");
            return std::nullopt;
        }
        check_keys(entry, {"name", "listen", "forwards_to"}, "an endpoint");
        ExternalEndpoint endpoint;
        endpoint.position = entry.position;
        for (const char* key : {"name", "listen"}) {
            if (!entry.find(key))
                report(entry, "missing required key '" + std::string(key) + "' in an endpoint");
        }
        if (const YamlNode* name = entry.find("name"))
            endpoint.name = string_value(*name, "name").value_or("");
        if (const YamlNode* listen = entry.find("listen")) {
            endpoint.listen = string_value(*listen, "listen").value_or("");
            endpoint.listen_position = listen->position;
        }
        if (const YamlNode* forwards = entry.find("forwards_to")) {
            endpoint.forwards_to = string_value(*forwards, "forwards_to");
            endpoint.forwards_to_position = forwards->position;
        }
        return endpoint;
    }

    std::vector<Parameter> read_parameters(const YamlNode& node) {
        std::vector<Parameter> parameters;
        if (node.is_null())
            return parameters;
        if (!node.is_mapping()) {
            report(node, "'parameters' must be a mapping of main.cf names to values");
            return parameters;
        }
        std::set<std::string> seen;
        for (const auto& [key, value] : node.entries) {
            if (!key.is_scalar()) {
                report(key, "a parameter name must be a plain word");
                continue;
            }
            Parameter parameter{key.scalar, std::nullopt, key.position};
            if (!seen.insert(parameter.name).second) {
                report(key, "parameter '" + parameter.name + "' is listed twice");
                continue;
            }
            if (value.is_scalar()) {
                parameter.value = value.scalar;
            } else if (!value.is_null()) {
                report(value, "the value of '" + parameter.name +
                                  "' must be a string, a number or null (to remove it)");
                continue;
            }
            parameters.push_back(std::move(parameter));
        }
        return parameters;
    }

    std::optional<std::string> string_value(const YamlNode& node, std::string_view key) {
        if (node.is_scalar())
            return node.scalar;
        report(node, "'" + std::string(key) + "' must be a string");
        return std::nullopt;
    }

    std::optional<bool> bool_value(const YamlNode& node, std::string_view key) {
        const std::string word = scalar_text(node);
        if (node.quoted) {
            // A string, as the JSON Schema sees it: "yes" in quotes is not a boolean.
            report(node, "'" + std::string(key) + "' must be true or false, not the string \"" +
                             word + "\" (remove the quotes)");
            return std::nullopt;
        }
        if (word == "true" || word == "yes")
            return true;
        if (word == "false" || word == "no")
            return false;
        report(node, "'" + std::string(key) + "' must be true or false, not '" + word + "'");
        return std::nullopt;
    }

    /// Also refuses a key given twice (a reader would silently take the first).
    void check_keys(const YamlNode& map, std::initializer_list<std::string_view> allowed,
                    std::string_view where) {
        std::set<std::string_view> seen;
        for (const auto& [key_node, value] : map.entries) {
            // Both arms are views: with a std::string arm the result would be a temporary copy.
            const std::string_view key =
                key_node.is_scalar() ? std::string_view(key_node.scalar) : std::string_view("?");
            if (key_node.is_scalar() && !seen.insert(key).second) {
                report(key_node, "key '" + std::string(key) + "' is listed twice");
                continue;
            }
            if (std::ranges::find(allowed, key) != allowed.end())
                continue;
            std::string expected;
            for (std::string_view a : allowed)
                expected += (expected.empty() ? "" : ", ") + std::string(a);
            report(key_node, "unknown key '" + std::string(key) + "' in " + std::string(where) +
                                 " (expected one of: " + expected + ")");
        }
    }

    static std::string scalar_text(const YamlNode& node) {
        if (node.is_scalar())
            return node.scalar;
        if (node.is_null())
            return "null";
        return node.is_mapping() ? "a mapping" : "a list";
    }

    void report(const YamlNode& node, std::string message) {
        problems_.push_back(
            make_error(path_, node.position.line, node.position.column, std::move(message)));
    }

    const std::string& path_;
    Diagnostics& problems_;
    bool partial_ = false;
};

/// parse_manifest(), returning what could be read despite structural problems when `partial`.
std::optional<Manifest> parse(std::string_view text, const std::string& path, Diagnostics& problems,
                              bool partial, const TaskRunner& runner) {
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
    const std::optional<YamlNode> root = parse_yaml_tree(text, path, problems, runner);
    if (!root)
        return std::nullopt;
    return TreeReader(path, problems, partial).read(*root);
}

}  // namespace

std::optional<Manifest> parse_manifest(std::string_view text, const std::string& path,
                                       Diagnostics& problems, const TaskRunner& runner) {
    return parse(text, path, problems, false, runner);
}

std::optional<Manifest> parse_and_validate(std::string_view text, const std::string& path,
                                           const PrimaryDirectories& primary, Diagnostics& problems,
                                           const TaskRunner& runner) {
    Diagnostics found;
    auto manifest = parse(text, path, found, true, runner);
    if (manifest) {
        for (Diagnostic& d : validate(*manifest, primary))
            found.push_back(std::move(d));
    }
    std::ranges::stable_sort(
        found, [](const Diagnostic& x, const Diagnostic& y) { return x.line < y.line; });
    const bool failed = has_errors(found);
    for (Diagnostic& d : found)
        problems.push_back(std::move(d));
    if (failed)
        return std::nullopt;
    return manifest;
}

}  // namespace pmr::manifest
