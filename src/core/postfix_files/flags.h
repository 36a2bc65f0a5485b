#pragma once

#include <string>
#include <string_view>

namespace pmr::postfix_files {

/// The sixth field of a postfix-files record: any of these letters, in any order.
struct Flags {
    bool preserve = false;   ///< `p`: postfix-install keeps an existing file
    bool update = false;     ///< `u`: upgrade-permissions resets owner, group and mode
    bool create = false;     ///< `c`: create-missing makes the directory when absent
    bool recursive = false;  ///< `r`: owner and group apply to everything below, the mode to
                             ///< every directory below
    bool obsolete = false;   ///< `o`: no longer part of Postfix; never created or changed
    bool optional = false;   ///< `1` (or `i`): skipped in a non-default instance when absent

    friend bool operator==(const Flags&, const Flags&) = default;
};

/// Reads the flag letters of `text`. Other characters are ignored, as post-install ignores them.
[[nodiscard]] Flags parse_flags(std::string_view text);

/// The characters of `text` that are not flag letters, each once, in order of appearance.
[[nodiscard]] std::string unknown_flag_letters(std::string_view text);

}  // namespace pmr::postfix_files
