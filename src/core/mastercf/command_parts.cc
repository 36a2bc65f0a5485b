#include "core/mastercf/command_parts.h"

namespace pmr::mastercf {

CommandParts command_parts(const Service& service) {
    const std::vector<std::string>& words = service.words;
    CommandParts parts;
    parts.command.push_back(words[7]);
    std::size_t i = 8;
    while (i < words.size()) {
        const std::string& word = words[i];
        if (word == "--" || !word.starts_with('-'))
            break;  // the rest are arguments
        if (word == "-o" && i + 1 < words.size()) {
            parts.option_indexes.push_back(i);
            i += 2;
            continue;
        }
        parts.command.push_back(word);
        if (takes_value(word) && i + 1 < words.size())
            parts.command.push_back(words[++i]);
        ++i;
    }
    parts.command.insert(parts.command.end(), words.begin() + static_cast<std::ptrdiff_t>(i),
                         words.end());
    return parts;
}

ParsedCommand parse_command(std::string_view command) {
    ParsedCommand parsed;
    if (command.find_first_not_of(field_blanks) == std::string_view::npos) {
        parsed.error = "the command is empty";
        return parsed;
    }
    // The seven fields before it are placeholders: only the command is checked here.
    const ParsedService service = parse_service("x unix - - - - - " + std::string(command));
    if (!service.service) {
        parsed.error = service.error;
        return parsed;
    }
    const std::vector<std::string>& words = service.service->words;
    parsed.words.assign(words.begin() + 7, words.end());
    return parsed;
}

}  // namespace pmr::mastercf
