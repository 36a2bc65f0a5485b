#include "core/lifecycle/owed_work.h"

#include "core/support/overloaded.h"

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
        case OwedKind::restart:
            return "restart";
    }
    return "reload";
}

std::optional<OwedKind> owed_kind_named(std::string_view name) {
    if (name == "reload")
        return OwedKind::reload;
    if (name == "restart")
        return OwedKind::restart;
    return std::nullopt;
}

std::optional<std::string> edited_config_directory(const Operation& operation) {
    using Edited = std::optional<std::string>;
    const auto none = [](const auto&) -> Edited { return std::nullopt; };
    // Every kind is named: a new operation must say whether it changes a configuration.
    return std::visit(
        Overloaded{[](const EditMainCf& op) -> Edited { return config_directory_of(op.path); },
                   [](const EditMasterCf& op) -> Edited { return config_directory_of(op.path); },
                   [](const InstallFile& op) -> Edited { return config_directory_of(op.path); },
                   [&](const CreateDirectories& op) { return none(op); },
                   [&](const BuildQueueTree& op) { return none(op); },
                   [&](const RequireStopped& op) { return none(op); },
                   [&](const RemoveQueueTree& op) { return none(op); },
                   [&](const RemoveFile& op) { return none(op); },
                   [&](const RemoveDirectory& op) { return none(op); },
                   [&](const RunPostfix& op) { return none(op); },
                   [&](const RequireEmptyQueue& op) { return none(op); }},
        operation);
}

}  // namespace pmr::lifecycle
