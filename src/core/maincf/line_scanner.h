#pragma once

#include <cstddef>
#include <string>
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
[[nodiscard]] constexpr LineKind classify_line(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && is_postfix_space(line[i]))
        ++i;
    if (i == line.size() || line[i] == '#')
        return LineKind::ignored;
    return i == 0 ? LineKind::head : LineKind::continuation;
}

/// Iterates over the physical lines of a text. Each line includes its '\n' terminator, if any; a
/// last line without '\n' is returned too, an empty remainder is not.
class LineCursor {
  public:
    explicit LineCursor(std::string_view text) : text_(text) {}

    /// Stores the next line in `line` and returns true, or returns false at the end.
    bool next(std::string_view& line) {
        if (offset_ >= text_.size())
            return false;
        const char* begin = text_.data() + offset_;
        const std::size_t remaining = text_.size() - offset_;
        // memchr is the fastest way through the long comment blocks of Debian's main.cf files.
        const void* newline = __builtin_memchr(begin, '\n', remaining);
        const std::size_t length =
            newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - begin) + 1
                    : remaining;
        line = std::string_view(begin, length);
        offset_ += length;
        ++line_number_;
        return true;
    }

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
    if (!line.empty() && line.back() == '\n')
        line.remove_suffix(1);
    return line;
}

/// The `"%.30s%s"` excerpt Postfix shows of a line it rejects or ignores (main.cf's and
/// master.cf's readers alike): the first 30 characters, and `...` when there are more.
[[nodiscard]] inline std::string postfix_excerpt(std::string_view text) {
    if (text.size() <= 30)
        return std::string(text);
    return std::string(text.substr(0, 30)) + "...";
}

}  // namespace pmr::maincf
