#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/support/expected.h"

namespace pmr::maincf {

/// An operator of a relational expression `${{a} OP {b}...}`.
enum class RelationalOperator { eq, ne, lt, le, ge, gt };

/// The characters Postfix reads as one relational operator (for better diagnostics).
inline constexpr std::string_view relational_operator_characters = "<>!=?+-*/~&|%";

/// The operator `text` spells (`==`, `!=`, `<`, `<=`, `>=` or `>`), or nullopt.
[[nodiscard]] std::optional<RelationalOperator> parse_relational_operator(std::string_view text);

/// Compares like Postfix's mac_exp_eval(): numerically when both operands are all digits, else
/// byte by byte. Fails, naming the operand, when a number does not fit in a long (Postfix's
/// strtol() then fails and Postfix gives up).
[[nodiscard]] Expected<bool> compare_operands(const std::string& left, RelationalOperator op,
                                              const std::string& right);

}  // namespace pmr::maincf
