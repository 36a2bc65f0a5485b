#include "cli/error_report.h"

#include <iostream>

namespace pmr::cli {

void report_error(std::string_view message) {
    std::cerr << error_prefix << message << '\n';
}

void report_warning(std::string_view message) {
    std::cerr << "pmreconcile: warning: " << message << '\n';
}

void report_problems(const Diagnostics& problems) {
    for (const Diagnostic& d : problems) {
        if (d.severity == Severity::error) {
            report_error(d.to_string());
        } else {
            report_warning(d.to_string());
        }
    }
}

}  // namespace pmr::cli
