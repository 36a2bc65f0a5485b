#pragma once

#include <string>
#include <string_view>

namespace pmr {

/// `text` made safe to print on a terminal: control characters (C0, DEL, and the C1 range
/// U+0080..U+009F) and bytes that are not valid UTF-8 become `\xHH`, and a backslash becomes `\\`
/// so that an escape cannot be forged. Valid printable UTF-8 is kept as it is. For anything that
/// came from a file or a name another user controls (a lock holder's record, a file name in a
/// queue directory of the postfix user), whose escape sequences could otherwise rewrite the
/// administrator's screen or fake a line of output.
[[nodiscard]] std::string printable(std::string_view text);

}  // namespace pmr
