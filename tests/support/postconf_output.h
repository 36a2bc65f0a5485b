#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pmr::test_support {

/// The lines of `text` without their '\n' (a last unterminated line included).
[[nodiscard]] std::vector<std::string> lines_of(std::string_view text);

/// Postfix's rendering of its log messages: every byte that is not printable ASCII becomes '?'.
[[nodiscard]] std::string printable(std::string_view text);

/// `bytes` for a failure message: carriage returns and tabs shown as `\r` and `\t`.
[[nodiscard]] std::string show(std::string_view bytes);

}  // namespace pmr::test_support
