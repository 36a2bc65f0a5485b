#pragma once

#include <string>
#include <vector>

namespace pmr {

/// `words` separated by single spaces: a list as Postfix writes it (`multi_instance_directories`),
/// or an argv as a person would type it, for messages.
[[nodiscard]] inline std::string join_words(const std::vector<std::string>& words) {
    std::string text;
    for (const std::string& word : words) {
        if (!text.empty())
            text += ' ';
        text += word;
    }
    return text;
}

}  // namespace pmr
