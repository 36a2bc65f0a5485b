#include "core/plan/saved_plan.h"

#include <yaml-cpp/yaml.h>

namespace pmr::plan {

namespace {

/// A value as the plan text shows it (see show_value()); YAML's null is `(unset)`.
std::string shown(const YAML::Node& value) {
    if (!value || value.IsNull())
        return "(unset)";
    std::string quoted = "\"";
    for (char c : value.as<std::string>()) {
        if (c == '"' || c == '\\')
            quoted += '\\';
        quoted += c;
    }
    return quoted + "\"";
}

StepRecord read_step(const YAML::Node& step) {
    const std::string instance = step["instance"].as<std::string>();
    const std::string directory = step["config_directory"].as<std::string>();
    StepRecord record;
    record.headline = step["kind"].as<std::string>() + " " + instance;
    if (instance != directory)
        record.headline += " (" + directory + ")";
    for (const YAML::Node& change : step["changes"]) {
        record.changes.push_back(change["name"].as<std::string>() + ": " + shown(change["before"]) +
                                 " -> " + shown(change["after"]));
    }
    for (const YAML::Node& operation : step["operations"]) {
        record.operations.push_back(operation.as<std::string>());
    }
    if (step["digest"])
        record.digest = step["digest"].as<std::string>();
    return record;
}

HostRecord read_host(const YAML::Node& host) {
    HostRecord record;
    for (const auto& file : host["files"]) {
        record.file_digests.emplace(file.first.as<std::string>(), file.second.as<std::string>());
    }
    for (const YAML::Node& directory : host["running"]) {
        record.running.push_back(directory.as<std::string>());
    }
    return record;
}

}  // namespace

std::optional<SavedPlan> read_saved_plan(std::string_view text, const std::string& path,
                                         Diagnostics& problems) {
    auto refuse = [&](std::string message) -> std::optional<SavedPlan> {
        problems.push_back(make_error(path, 0, 0, std::move(message)));
        return std::nullopt;
    };
    try {
        // JSON is YAML: yaml-cpp reads the saved plan without another dependency.
        const YAML::Node root = YAML::Load(std::string(text));
        if (!root.IsMap() || !root["format_version"] || !root["origin"]) {
            return refuse("not a pmreconcile saved plan (no format_version and origin)");
        }
        const std::string version = root["format_version"].as<std::string>();
        if (version.substr(0, version.find('.')) != "1") {
            return refuse("saved plan format_version " + version +
                          " is not supported (this pmreconcile reads 1.x)");
        }
        const YAML::Node origin = root["origin"];
        SavedPlan result;
        result.origin.manifest_path = origin["manifest_path"].as<std::string>();
        result.origin.manifest_text = origin["manifest"].as<std::string>();
        result.origin.config_directory = origin["config_directory"].as<std::string>();
        result.origin.fingerprint = root["fingerprint"].as<std::string>();
        if (const YAML::Node host = root["host"]) {
            result.origin.host = read_host(host);
            result.has_host_record = true;
        }
        for (const YAML::Node& step : root["steps"])
            result.steps.push_back(read_step(step));
        for (const YAML::Node& refusal : root["refusals"]) {
            result.refusals.push_back(
                refusal_record(refusal["instance"].as<std::string>(),
                               refusal["config_directory"].as<std::string>()));
        }
        return result;
    } catch (const YAML::Exception& error) {
        return refuse("not a readable saved plan: " + error.msg);
    }
}

}  // namespace pmr::plan
