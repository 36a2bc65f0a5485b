#include "core/maincf/logical_lines.h"

namespace pmr::maincf {

void LogicalLineJoiner::begin(std::string_view line, int number, bool starts_with_space) {
    open_ = true;
    starts_with_space_ = starts_with_space;
    head_ = without_newline(line);
    current_ = LogicalLine{head_, false, number, number};
}

void LogicalLineJoiner::append(std::string_view line, int number) {
    if (!current_.continued) {
        joined_.assign(head_);
        current_.continued = true;
    }
    joined_.append(without_newline(line));
    current_.last_line = number;
}

std::optional<LogicalLine> LogicalLineJoiner::finish() {
    if (!open_)
        return std::nullopt;
    open_ = false;
    if (current_.continued)
        current_.content = joined_;
    if (starts_with_space_) {
        diagnostics_.push_back(make_warning(path_, current_.line, 0,
                                            "logical line must not start with whitespace: \"" +
                                                postfix_excerpt(current_.content) + "\""));
        return std::nullopt;
    }
    return current_;
}

}  // namespace pmr::maincf
