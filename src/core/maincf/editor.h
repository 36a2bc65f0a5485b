#pragma once

#include <span>
#include <string>

#include "core/maincf/main_cf.h"
#include "core/support/diagnostic.h"

namespace pmr::maincf {

/// What an edit does to every definition of its parameter.
enum class EditKind {
    set,          ///< `postconf -e name=value`: replace each definition in place, else append
    remove,       ///< `postconf -X name`: drop each definition with its continuation lines
    comment_out,  ///< `postconf -# name`: prefix each line of each definition with `#`
};

/// One requested change to main.cf.
struct Edit {
    EditKind kind = EditKind::set;
    std::string name;
    std::string value;  ///< for set only; surrounding white space is trimmed as postconf does

    friend bool operator==(const Edit&, const Edit&) = default;
};

/// The edited text, and whether anything changed.
struct EditOutcome {
    std::string text;
    Diagnostics warnings;  ///< `multiple entries`, `ignoring earlier request`
    bool changed = false;
};

/// Checks edit requests before any is applied: names must be non-empty and free of white space,
/// `=` and a leading `#`; values must be a single line without NUL bytes. Every problem is
/// returned, located at `origin` (e.g. `<command line>` or a manifest position).
[[nodiscard]] Diagnostics validate_edits(std::span<const Edit> edits, std::string_view origin);

/// Applies valid edits in one pass with postconf's semantics (postconf_edit.c), keeping every
/// untouched byte. Two deliberate improvements over Postfix 3.7: parameters that are not yet
/// defined are appended in name order (as Postfix >= 3.11 does), and a final newline is added
/// before appending to a file that lacks one (Postfix 3.7 would glue two lines together).
/// When several edits name the same parameter, the last one wins, with a warning.
[[nodiscard]] EditOutcome apply_edits(const MainCf& main_cf, std::span<const Edit> edits);

}  // namespace pmr::maincf
