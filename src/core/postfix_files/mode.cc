#include "core/postfix_files/mode.h"

namespace pmr::postfix_files {

namespace {

// Spelled out here because <sys/stat.h> is off limits in the core.
constexpr unsigned set_user_id = 04000;
constexpr unsigned set_group_id = 02000;
constexpr unsigned all_mode_bits = 07777;

}  // namespace

std::optional<Mode> parse_mode(std::string_view text) {
    if (text.empty())
        return std::nullopt;
    unsigned bits = 0;
    for (char c : text) {
        if (c < '0' || c > '7')
            return std::nullopt;
        bits = bits * 8 + static_cast<unsigned>(c - '0');
        if (bits > all_mode_bits)
            return std::nullopt;
    }
    return Mode{bits, text.size() >= 5};
}

unsigned chmod_result(const Mode& mode, unsigned current, bool directory) {
    if (!directory || mode.clears_directory_setid)
        return mode.bits;
    const unsigned kept = current & (set_user_id | set_group_id) & ~mode.bits;
    return mode.bits | kept;
}

std::string format_mode(unsigned bits) {
    std::string digits;
    do {
        digits.insert(digits.begin(), static_cast<char>('0' + (bits & 7u)));
        bits >>= 3;
    } while (bits != 0);
    while (digits.size() < 3)
        digits.insert(digits.begin(), '0');
    return "0" + digits;
}

}  // namespace pmr::postfix_files
