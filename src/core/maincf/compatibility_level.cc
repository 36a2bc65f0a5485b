#include "core/maincf/compatibility_level.h"

#include <cerrno>
#include <climits>
#include <cstdlib>

namespace pmr::maincf {

namespace {

constexpr int minor_width = 10;  // compat_level.c: COMPAT_MINOR_WIDTH, COMPAT_PATCH_WIDTH
constexpr int patch_width = 10;
constexpr long part_limit = 0x3ff;  // COMPAT_MINOR_BITS, COMPAT_PATCH_BITS
constexpr int major_shift = minor_width + patch_width;
constexpr std::string_view last_level = "3.6";  // Postfix 3.7's LAST_COMPAT_LEVEL

/// One sane_strtol() step: the number at `start` and where it ends, or nullopt when no digits
/// were read or it overflowed.
std::optional<long> read_number(const char*& cursor) {
    char* end = nullptr;
    errno = 0;
    const long value = std::strtol(cursor, &end, 10);
    if (end == cursor || errno == ERANGE)
        return std::nullopt;
    cursor = end;
    return value;
}

}  // namespace

std::optional<long> parse_compatibility_level(std::string_view text) {
    // strtol needs a terminated string; a NUL inside the text ends it, as it would in Postfix.
    const std::string copy(text);
    const char* cursor = copy.c_str();
    const long limits[] = {LONG_MAX >> major_shift, part_limit, part_limit};
    const int shifts[] = {major_shift, minor_width, 0};
    long level = 0;
    for (int part = 0; part < 3; ++part) {
        const auto number = read_number(cursor);
        if (!number || *number < 0 || *number > limits[part])
            return std::nullopt;
        level |= *number << shifts[part];
        if (*cursor == '\0')
            return level;
        // After the patch number nothing may follow; after the others only a dot.
        if (part == 2 || *cursor != '.')
            return std::nullopt;
        ++cursor;
    }
    return std::nullopt;
}

Expected<std::vector<std::string>> compatibility_notices(std::string_view level) {
    using Result = Expected<std::vector<std::string>>;
    const auto parsed = parse_compatibility_level(level);
    if (!parsed) {
        return Result::failure("malformed compatibility level syntax: \"" + std::string(level) +
                               "\"");
    }
    if (*parsed >= *parse_compatibility_level(last_level))
        return std::vector<std::string>{};
    return std::vector<std::string>{
        "Postfix is using backwards-compatible default settings",
        "See http://www.postfix.org/COMPATIBILITY_README.html for details",
        "To disable backwards compatibility use \"postconf compatibility_level=" +
            std::string(last_level) + "\" and \"postfix reload\""};
}

}  // namespace pmr::maincf
