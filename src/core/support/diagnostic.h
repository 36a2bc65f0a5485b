#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pmr {

/// How serious a finding is: after a warning the input is still usable, after an error it is not.
enum class Severity { warning, error };

/// One finding about an input, located at its origin.
///
/// `path` names the input (a file path, or a label such as `<command line>`); `line` and `column`
/// are 1-based, and 0 when unknown.
struct Diagnostic {
    Severity severity = Severity::error;
    std::string path;
    int line = 0;
    int column = 0;
    std::string message;

    /// `path:line:column: message`, leaving out the parts that are unknown.
    [[nodiscard]] std::string to_string() const;

    /// Postfix's own rendering, `path, line N: message`, used in postmulti-compatible mode.
    [[nodiscard]] std::string to_postfix_string() const;

    friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

/// Every finding of one pass over an input: passes collect all of them and report them together.
using Diagnostics = std::vector<Diagnostic>;

/// True when any finding is an error.
[[nodiscard]] bool has_errors(const Diagnostics& diagnostics);

/// Shorthands that build a located finding.
[[nodiscard]] Diagnostic make_error(std::string_view path, int line, int column,
                                    std::string message);
[[nodiscard]] Diagnostic make_warning(std::string_view path, int line, int column,
                                      std::string message);

}  // namespace pmr
