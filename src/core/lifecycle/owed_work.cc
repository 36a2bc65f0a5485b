#include "core/lifecycle/owed_work.h"

namespace pmr::lifecycle {

namespace {

/// The directory of `path` when its file is an instance's main.cf or master.cf.
std::optional<std::string> config_directory_of(const std::string& path) {
    const auto slash = path.rfind('/');
    if (slash == std::string::npos || slash == 0)
        return std::nullopt;
    const std::string_view file = std::string_view(path).substr(slash + 1);
    if (file != "main.cf" && file != "master.cf")
        return std::nullopt;
    return path.substr(0, slash);
}

}  // namespace

std::string_view to_string(OwedKind kind) {
    switch (kind) {
        case OwedKind::reload:
            return "reload";
    }
    return "reload";
}

std::optional<OwedKind> owed_kind_named(std::string_view name) {
    if (name == "reload")
        return OwedKind::reload;
    return std::nullopt;
}

std::optional<std::string> edited_config_directory(const Operation& operation) {
    if (const auto* edit = std::get_if<EditMainCf>(&operation))
        return config_directory_of(edit->path);
    if (const auto* install = std::get_if<InstallFile>(&operation))
        return config_directory_of(install->path);
    return std::nullopt;
}

}  // namespace pmr::lifecycle
