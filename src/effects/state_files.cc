#include "effects/state_files.h"

#include <cctype>
#include <string_view>

namespace pmr::effects {

std::string state_directory_name(const std::string& config_directory) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string name;
    std::size_t start = 0;
    while (start < config_directory.size()) {
        std::size_t end = config_directory.find('/', start);
        if (end == std::string::npos)
            end = config_directory.size();
        const std::string_view component(config_directory.data() + start, end - start);
        start = end + 1;
        if (component.empty() || component == ".")
            continue;
        if (!name.empty())
            name += '-';
        for (const char c : component) {
            const auto byte = static_cast<unsigned char>(c);
            if (std::isalnum(byte) || c == '_' ||
                (c == '.' && !name.empty() && name.back() != '-')) {
                name += c;
            } else {
                name += '%';
                name += hex[byte >> 4];
                name += hex[byte & 0xf];
            }
        }
    }
    return name.empty() ? "-" : name;
}

StateFiles state_files_for(const std::string& config_directory, const std::string& root) {
    return StateFiles{root + "/" + state_directory_name(config_directory)};
}

Expected<std::optional<UniqueFd>> open_state_directory(const StateFiles& files, Create create) {
    return open_private_directory(files.directory, create, 0755);
}

}  // namespace pmr::effects
