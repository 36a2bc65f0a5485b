#pragma once

// The expander behind expand() and referenced_names() (expander.h), shared by the files that
// define it: expander.cc (text, references, names and their loops) and expander_conditionals.cc
// (relational expressions and the `?`/`:` branches). Not for use outside src/core/maincf.

#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/maincf/expander.h"

namespace pmr::maincf::detail {

/// Postfix's CHARS_SPACE, the white space mac_expand() skips around operators and operands.
inline constexpr std::string_view expansion_whitespace = " \t\r\n";

/// The position of the first character at or after `pos` that is not white space, or the end.
inline std::size_t skip_whitespace(std::string_view text, std::size_t pos) {
    const std::size_t next = text.find_first_not_of(expansion_whitespace, pos);
    return next == std::string_view::npos ? text.size() : next;
}

/// The `%.20s` excerpt Postfix shows after a `>>>` marker.
inline std::string excerpt20(std::string_view text, std::size_t pos) {
    return std::string(text.substr(std::min(pos, text.size()), 20));
}

/// One expansion (or scan) of one value, with the nesting counts and the chain of names whose
/// values are being expanded.
class Expander {
  public:
    /// Expands with `lookup`, or, when `names` is given, only collects the names referenced (the
    /// scan mode Postfix uses to find user-defined parameters).
    Expander(const ParameterLookup* lookup, std::vector<std::string>* names)
        : lookup_(lookup), names_(names) {}

    /// Expands (or scans) `text`; the value is empty when there are errors.
    Expansion run(std::string_view text);

  private:
    /// What a reference reads before its operator: a name and its value, or a relational
    /// expression's result; and the operator ('?', ':', or 0 for none).
    struct Reference {
        std::optional<std::string_view> value;
        std::string_view name;  ///< empty for a relational expression
        char op = 0;
    };

    /// One name whose value is being expanded, linked to the one that referred to it (on the
    /// call stack: expanding allocates nothing for it).
    struct Frame {
        std::string_view name;
        const Frame* outer;
    };

    bool scanning() const { return names_ != nullptr; }
    bool failed() const { return !result_.errors.empty(); }
    void fail(std::string message) { result_.errors.push_back(std::move(message)); }

    // --- text, references, names (expander.cc) --------------------------------------------

    /// Enters one mac_expand() callback for `what` (an expression or a run of literal text).
    bool enter(std::string_view what);
    /// Reports the literal text appended to `out` since `start`, as mac_parse() hands each run
    /// of literal text to its callback (which only counts toward the nesting limit).
    bool literal(const std::string& out, std::size_t start);
    /// Splits `text` into literal text and `$` references, as mac_parse() does, appending the
    /// expansion to `out`.
    void parse(std::string_view text, std::string& out);
    /// Handles one `$name` / `${...}` reference, as mac_expand_callback() does.
    void expression(std::string_view expr, std::string& out);
    /// Reads `{a} OP {b}` and the operator after it, if any; false on error.
    bool read_relational(std::string_view expr, std::size_t& pos, Reference& reference);
    /// Reads a parameter name and the operator after it, if any, then looks the name up (or,
    /// when scanning, collects it); false on error.
    bool read_name(std::string_view expr, std::size_t& pos, Reference& reference);
    /// Sets the value of `reference`'s name, or when scanning collects the name; false when the
    /// lookup fails.
    bool look_up(Reference& reference);
    /// Expands the value of `name` in place. A name met again while its own value is being
    /// expanded would recurse forever (Postfix stops at its nesting limit, or crashes when the
    /// loop runs through a relational operand): reported as the loop it is.
    void expand_named(std::string_view name, std::string_view value, std::string& out);

    // --- relational expressions and branches (expander_conditionals.cc) -------------------

    /// Extracts a `{payload}` at `pos` (which holds '{'), balancing braces; advances `pos` past
    /// the closing brace and the white space after it.
    std::optional<std::string_view> curly_payload(std::string_view expr, std::size_t& pos);
    /// Expands one relational operand in a context of its own, as Postfix does with a separate
    /// mac_expand() call (which restarts the nesting count).
    std::string operand(std::string_view text);
    /// Evaluates `{a} OP {b}` at `pos`. Sets `value` to Postfix's fake lookup result ("true" or
    /// "") or, when scanning, to nothing; returns false on error.
    bool relational(std::string_view expr, std::size_t& pos,
                    std::optional<std::string_view>& value);
    /// Appends to `out` what `reference` expands to under its operator, reading the branches
    /// after `pos`; false on a syntax error.
    bool apply_operator(std::string_view expr, std::size_t& pos, const Reference& reference,
                        std::string& out);
    /// The operands of `?` (and of a `:` after it), the first expanded when `non_empty` (or
    /// when scanning); false on error.
    bool if_branches(std::string_view expr, std::size_t& pos, bool non_empty, std::string& out);
    /// The operand after ':', expanded when `taken` (or when scanning); false on error.
    bool else_branch(std::string_view expr, std::size_t& pos, bool taken, std::string& out);
    /// The operand after `?` or `:`: a `{payload}`, or all the rest of the expression.
    std::optional<std::string_view> branch(std::string_view expr, std::size_t& pos);

    const ParameterLookup* lookup_;
    std::vector<std::string>* names_;
    Expansion result_;
    const Frame* innermost_ = nullptr;
    int level_ = 0;        // Postfix's per-context nesting level
    int total_depth_ = 0;  // every expression being evaluated, across contexts
};

}  // namespace pmr::maincf::detail
