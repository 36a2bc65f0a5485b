#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/maincf/line_scanner.h"
#include "core/support/diagnostic.h"

namespace pmr::maincf {

/// One logical line of a Postfix configuration file: a line that starts in column 1 with the
/// continuation lines after it joined on, as Postfix's readllines() returns it to the main.cf
/// and master.cf readers alike.
struct LogicalLine {
    /// The joined text, without newlines. It views the file's text when the line was not
    /// continued, else a buffer of the reader that the next logical line reuses.
    std::string_view content;
    bool continued = false;  ///< whether `content` is in the reader's buffer
    int line = 0;            ///< first physical line, 1-based
    int last_line = 0;       ///< last physical line
};

/// Joins physical lines into logical lines, one at a time: the state shared by
/// for_each_logical_line() and its callers' parsers.
class LogicalLineJoiner {
  public:
    /// `path` names the file in the diagnostics this joiner adds to `diagnostics`.
    LogicalLineJoiner(std::string_view path, Diagnostics& diagnostics)
        : path_(path), diagnostics_(diagnostics) {}

    /// Whether a logical line is being joined.
    [[nodiscard]] bool is_open() const { return open_; }

    /// Starts a logical line at physical line `number` (with or without its newline).
    void begin(std::string_view line, int number, bool starts_with_space);

    /// Joins a continuation line onto the open logical line.
    void append(std::string_view line, int number);

    /// Closes the open logical line and returns it, or nullopt when none is open or it started
    /// with white space (Postfix's warning is added to the diagnostics and the line is skipped).
    /// The result is valid until the next begin().
    [[nodiscard]] std::optional<LogicalLine> finish();

  private:
    std::string_view path_;
    Diagnostics& diagnostics_;
    bool open_ = false;
    bool starts_with_space_ = false;
    std::string_view head_;
    std::string joined_;  // head plus continuations, only once a continuation appears
    LogicalLine current_;
};

/// Reads `text` as Postfix's readllines() does and calls `on_line(const LogicalLine&)` for each
/// logical line, in file order. Comment and blank lines neither begin nor end a logical line;
/// a NUL byte is an error and a logical line that starts with white space a warning (both
/// added to `diagnostics`, located in `path`), as Postfix reports them.
template <class OnLine>
void for_each_logical_line(std::string_view text, std::string_view path, Diagnostics& diagnostics,
                           OnLine&& on_line) {
    LogicalLineJoiner joiner(path, diagnostics);
    LineCursor cursor(text);
    // One search of the whole text spares a search of every line in the common case.
    const bool has_nul = text.find('\0') != std::string_view::npos;
    std::string_view line;
    while (cursor.next(line)) {
        const int number = cursor.line_number();
        if (has_nul && line.find('\0') != std::string_view::npos) {
            diagnostics.push_back(make_error(path, number, 0, "NUL byte in configuration line"));
        }
        switch (classify_line(line)) {
            case LineKind::ignored:
                break;  // skipped, and does not end the logical line (readllines)
            case LineKind::head:
                if (const auto done = joiner.finish())
                    on_line(*done);
                joiner.begin(line, number, false);
                break;
            case LineKind::continuation:
                if (joiner.is_open()) {
                    joiner.append(line, number);
                } else {
                    joiner.begin(line, number, true);
                }
                break;
        }
    }
    if (const auto done = joiner.finish())
        on_line(*done);
}

}  // namespace pmr::maincf
