#include "core/support/diagnostic.h"

#include <algorithm>

namespace pmr {

std::string Diagnostic::to_string() const {
    std::string text = path;
    if (line > 0) {
        text += ':' + std::to_string(line);
        if (column > 0)
            text += ':' + std::to_string(column);
    }
    if (!text.empty())
        text += ": ";
    return text + message;
}

std::string Diagnostic::to_postfix_string() const {
    std::string text = path;
    if (line > 0)
        text += ", line " + std::to_string(line);
    if (!text.empty())
        text += ": ";
    return text + message;
}

bool has_errors(const Diagnostics& diagnostics) {
    return std::ranges::any_of(diagnostics,
                               [](const Diagnostic& d) { return d.severity == Severity::error; });
}

Diagnostic make_error(std::string_view path, int line, int column, std::string message) {
    return Diagnostic{Severity::error, std::string(path), line, column, std::move(message)};
}

Diagnostic make_warning(std::string_view path, int line, int column, std::string message) {
    return Diagnostic{Severity::warning, std::string(path), line, column, std::move(message)};
}

}  // namespace pmr
