#include "core/instance/claims.h"

namespace pmr::instance {

namespace {

std::string conflict_message(std::string_view config_directory, std::string_view parameter,
                             std::string_view value, const std::string& owner) {
    return "instance " + std::string(config_directory) + ", " + std::string(parameter) + "=" +
           std::string(value) + " conflicts with instance " + owner + "=" + std::string(value);
}

}  // namespace

Status ClaimRegistry::claim(std::string_view config_directory, std::string_view parameter,
                            std::string_view value) {
    std::string requestor = std::string(config_directory) + ", " + std::string(parameter);
    auto [it, inserted] = owners_.try_emplace(std::string(value), requestor);
    if (inserted || it->second == requestor)
        return ok_status();
    return Status::failure(conflict_message(config_directory, parameter, value, it->second));
}

Status ClaimRegistry::check(std::string_view config_directory, std::string_view parameter,
                            std::string_view value) const {
    const auto it = owners_.find(value);
    if (it == owners_.end())
        return ok_status();
    const std::string requestor = std::string(config_directory) + ", " + std::string(parameter);
    if (it->second == requestor)
        return ok_status();
    return Status::failure(conflict_message(config_directory, parameter, value, it->second));
}

std::optional<std::string> ClaimRegistry::owner(std::string_view value) const {
    auto it = owners_.find(value);
    if (it == owners_.end())
        return std::nullopt;
    return it->second;
}

}  // namespace pmr::instance
