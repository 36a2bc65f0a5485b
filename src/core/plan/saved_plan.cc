#include "core/plan/saved_plan.h"

#include <yaml-cpp/yaml.h>

namespace pmr::plan {

std::optional<PlanOrigin> read_saved_plan(std::string_view text, const std::string& path,
                                          Diagnostics& problems) {
    auto refuse = [&](std::string message) -> std::optional<PlanOrigin> {
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
        PlanOrigin result;
        result.manifest_path = origin["manifest_path"].as<std::string>();
        result.manifest_text = origin["manifest"].as<std::string>();
        result.config_directory = origin["config_directory"].as<std::string>();
        result.fingerprint = root["fingerprint"].as<std::string>();
        return result;
    } catch (const YAML::Exception& error) {
        return refuse("not a readable saved plan: " + error.msg);
    }
}

}  // namespace pmr::plan
