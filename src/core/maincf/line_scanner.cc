#include "core/maincf/line_scanner.h"

#include <cstring>

namespace pmr::maincf {

LineKind classify_line(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && is_postfix_space(line[i])) ++i;
    if (i == line.size() || line[i] == '#') return LineKind::ignored;
    return i == 0 ? LineKind::head : LineKind::continuation;
}

bool LineCursor::next(std::string_view& line) {
    if (offset_ >= text_.size()) return false;
    const char* begin = text_.data() + offset_;
    const std::size_t remaining = text_.size() - offset_;
    // memchr is the fastest way through the long comment blocks of Debian's main.cf files.
    const void* newline = std::memchr(begin, '\n', remaining);
    const std::size_t length =
        newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - begin) + 1
                : remaining;
    line = std::string_view(begin, length);
    offset_ += length;
    ++line_number_;
    return true;
}

}  // namespace pmr::maincf
