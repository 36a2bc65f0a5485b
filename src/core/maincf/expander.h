#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/support/expected.h"

namespace pmr::maincf {

/// Where `$name` references find their values during expansion.
class ParameterLookup {
  public:
    virtual ~ParameterLookup() = default;
    /// The raw (unexpanded) value of `name`, or nullopt when it is defined nowhere.
    [[nodiscard]] virtual std::optional<std::string_view> raw_value(
        std::string_view name) const = 0;
    /// Succeeds when raw_value() answers for `name`; fails with why looking it up is fatal
    /// (Postfix dies computing its default). A failed lookup fails the whole expansion.
    [[nodiscard]] virtual Status check_lookup(std::string_view /*name*/) const {
        return ok_status();
    }
};

/// The result of expanding one value: the text, or the reasons it cannot be expanded.
struct Expansion {
    std::string value;
    std::vector<std::string> errors;  ///< empty when the expansion succeeded

    [[nodiscard]] bool ok() const { return errors.empty(); }
};

/// Expands `$name`, `${name}`, `$(name)`, `${name?text}`, `${name?{text}}`, `${name:text}`,
/// `${name:{text}}`, `${name?{a}:{b}}`, `${{a} == {b} ? {c} : {d}}` (with `== != < <= >= >`,
/// numeric when both sides are all digits) and `$$` recursively, as Postfix's mac_expand() does
/// for `postconf -x`: an undefined name expands to nothing, and a syntax error fails the whole
/// value. A reference loop (`a = $b`, `b = $a`) is an error naming the loop. Like Postfix, more
/// than 100 nested expansions are an error (each relational operand counts afresh), and so is a
/// number too large for a long in a numeric comparison. Beyond Postfix, 1000 nested expressions
/// in all are an error (Postfix would recurse until its stack overflows).
[[nodiscard]] Expansion expand(std::string_view text, const ParameterLookup& lookup);

/// The parameter names `text` refers to, in order of first appearance, as Postfix finds them
/// when it scans a value without expanding it (postconf's search for user-defined parameters):
/// both branches of every conditional and both operands of every relational expression count;
/// referenced values are not followed. A syntax error ends the scan early, as it does in
/// Postfix.
[[nodiscard]] std::vector<std::string> referenced_names(std::string_view text);

}  // namespace pmr::maincf
