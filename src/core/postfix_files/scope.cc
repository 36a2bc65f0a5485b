#include "core/postfix_files/scope.h"

#include <string>

namespace pmr::postfix_files {

Scope scope_for_instance(std::string_view config_directory,
                         std::string_view default_config_directory,
                         std::optional<std::string_view> multi_instance_directories) {
    if (!multi_instance_directories)
        return Scope::every_file;
    // post-install: `postconf -h multi_instance_directories | sed 's/,/ /'` (first comma only).
    std::string list(*multi_instance_directories);
    if (const std::size_t comma = list.find(','); comma != std::string::npos)
        list[comma] = ' ';
    std::size_t start = 0;
    while ((start = list.find_first_not_of(" \t\n", start)) != std::string::npos) {
        std::size_t end = list.find_first_of(" \t\n", start);
        if (end == std::string::npos)
            end = list.size();
        const std::string_view name = std::string_view(list).substr(start, end - start);
        // The loop stops at the first match; the default directory never counts.
        if (name == default_config_directory) {
            start = end;
            continue;
        }
        if (name == config_directory)
            return Scope::instance_files;
        start = end;
    }
    return Scope::every_file;
}

}  // namespace pmr::postfix_files
