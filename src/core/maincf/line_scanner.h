#pragma once

#include <cstddef>
#include <string_view>

namespace pmr::maincf {

/// Postfix's ISSPACE(): an ASCII space, tab, newline, vertical tab, form feed or carriage return.
[[nodiscard]] constexpr bool is_postfix_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/// What one physical line of main.cf is to Postfix's reader (readllines()) and to postconf's
/// editor alike.
enum class LineKind {
    ignored,       ///< empty, white space only, or a comment (`#` after optional white space)
    head,          ///< content starting in column 1: begins a new logical line
    continuation,  ///< content after leading white space: continues the logical line before it
};

/// Classifies one physical line (with or without its trailing newline).
[[nodiscard]] LineKind classify_line(std::string_view line);

/// Iterates over the physical lines of a text. Each line includes its '\n' terminator, if any; a
/// last line without '\n' is returned too, an empty remainder is not.
class LineCursor {
public:
    explicit LineCursor(std::string_view text) : text_(text) {}

    /// Stores the next line in `line` and returns true, or returns false at the end.
    bool next(std::string_view& line);

    /// 1-based number of the line most recently returned by next().
    [[nodiscard]] int line_number() const { return line_number_; }

    /// Byte offset just past the line most recently returned by next().
    [[nodiscard]] std::size_t offset() const { return offset_; }

private:
    std::string_view text_;
    std::size_t offset_ = 0;
    int line_number_ = 0;
};

/// The line without its trailing '\n' (a '\r' before it is content, as it is to Postfix).
[[nodiscard]] constexpr std::string_view without_newline(std::string_view line) {
    if (!line.empty() && line.back() == '\n') line.remove_suffix(1);
    return line;
}

}  // namespace pmr::maincf
