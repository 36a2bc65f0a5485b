#pragma once

#include <optional>
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
    /// A set to the parameter's value now (MainCf::get(), "" when unset, trimmed) with each
    /// element of `value` (a list) that it does not hold yet added after one space: the bytes
    /// postmulti writes when it sets a list written with single spaces to itself plus one more
    /// element. An element already there is not added again, so that running the edit again
    /// (as finishing an interrupted step does) changes nothing.
    append_to_list,
};

/// One requested change to main.cf.
struct Edit {
    EditKind kind = EditKind::set;
    std::string name;
    std::string value;  ///< for set and append_to_list; surrounding white space is trimmed as
                        ///< postconf does

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
/// An append_to_list edit is applied as the set it stands for (EditKind::append_to_list).
[[nodiscard]] EditOutcome apply_edits(const MainCf& main_cf, std::span<const Edit> edits);

/// apply_edits(first) and then apply_edits() of `second` on the result, as two postconf calls
/// do: in one pass over the text when no parameter is named in both batches (the parameters
/// of `second` that are not defined are appended after those of `first`), else in two.
[[nodiscard]] EditOutcome apply_edits_in_turn(const MainCf& main_cf, std::span<const Edit> first,
                                              std::span<const Edit> second);

/// The value `edit` gives its parameter in `main_cf`, as written (trimmed); nullopt when it
/// leaves the parameter unset (remove, comment_out).
[[nodiscard]] std::optional<std::string> value_after(const MainCf& main_cf, const Edit& edit);

/// Makes `earlier` the one edit with the effect of applying `earlier` and then `later`, two
/// edits of the same parameter, each in a batch of its own, when there is one: after a set or
/// an append, a set or a remove is `later` and an append extends that edit's value (in place).
/// False, with `earlier` unchanged, otherwise (a remove or comment_out moves or hides the
/// definitions that a later edit would change in place). A planner that defers a run of
/// appends to one list applies them as one edit.
[[nodiscard]] bool compose_edits(Edit& earlier, const Edit& later);

}  // namespace pmr::maincf
