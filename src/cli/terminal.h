#pragma once

#include <string>

namespace pmr::cli {

/// Colour on stdout only when it is a terminal, NO_COLOR is unset and --no-color not given.
[[nodiscard]] bool use_color(bool no_color_option);

/// Asks `question` on the terminal; true only when the answer is exactly `yes`.
[[nodiscard]] bool confirm(const std::string& question);

/// Whether standard input is a terminal (apply asks only there).
[[nodiscard]] bool stdin_is_terminal();

}  // namespace pmr::cli
