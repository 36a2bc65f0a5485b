#include "core/instance/claims.h"

namespace pmr::instance {

std::optional<std::string> ClaimRegistry::claim(std::string_view config_directory,
                                                std::string_view parameter,
                                                std::string_view value) {
    std::string requestor = std::string(config_directory) + ", " + std::string(parameter);
    auto [it, inserted] = owners_.try_emplace(std::string(value), requestor);
    if (inserted || it->second == requestor) return std::nullopt;
    return "instance " + std::string(config_directory) + ", " + std::string(parameter) + "=" +
           std::string(value) + " conflicts with instance " + it->second + "=" +
           std::string(value);
}

std::optional<std::string> ClaimRegistry::owner(std::string_view value) const {
    auto it = owners_.find(value);
    if (it == owners_.end()) return std::nullopt;
    return it->second;
}

}  // namespace pmr::instance
