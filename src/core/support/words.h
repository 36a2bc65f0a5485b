#pragma once

#include <string>
#include <vector>

namespace pmr {

/// `words` with one `separator` between each two (none after the last).
[[nodiscard]] inline std::string join(const std::vector<std::string>& words, char separator) {
    std::string text;
    for (const std::string& word : words) {
        if (!text.empty())
            text += separator;
        text += word;
    }
    return text;
}

/// `words` separated by single spaces: a list as Postfix writes it (`multi_instance_directories`),
/// or an argv as a person would type it, for messages.
[[nodiscard]] inline std::string join_words(const std::vector<std::string>& words) {
    return join(words, ' ');
}

}  // namespace pmr
