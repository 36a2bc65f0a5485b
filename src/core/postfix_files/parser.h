#pragma once

#include <string_view>
#include <vector>

#include "core/postfix_files/entry.h"
#include "core/support/diagnostic.h"

namespace pmr::postfix_files {

/// The records of one or more postfix-files texts, in order, with every finding about them.
struct ParsedFiles {
    std::vector<Entry> entries;
    Diagnostics diagnostics;
};

/// Parses the text of a postfix-files file; `origin` names it in entries and diagnostics.
///
/// Format (one record per line): `name:type:owner:group:permission:flags`, fields separated by
/// `:`, missing fields at the end allowed. Like post-install, only lines whose name starts with
/// `$` are records: empty lines and lines starting with `#` are comments, and any other line is
/// skipped with a warning. Characters after a seventh `:` are ignored with a warning, as are
/// unknown flag letters.
///
/// Errors (`origin:line: message`), each leaving its record out of `entries`: a missing or
/// unknown type (`d f h l`); white space inside a field; a directory or file without an owner or
/// with a mode that is not octal; a link without a source. Every line is checked, so one pass
/// reports every problem.
[[nodiscard]] ParsedFiles parse_postfix_files(std::string_view text, std::string_view origin);

}  // namespace pmr::postfix_files
