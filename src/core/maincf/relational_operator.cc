#include "core/maincf/relational_operator.h"

#include <algorithm>

namespace pmr::maincf {

namespace {

bool all_digits(std::string_view text) {
    return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

/// The digits of a non-negative decimal number without leading zeros, or nullopt when the number
/// does not fit in a long.
std::optional<std::string_view> canonical_number(std::string_view digits) {
    const std::size_t first = digits.find_first_not_of('0');
    if (first == std::string_view::npos)
        return std::string_view("0");
    digits.remove_prefix(first);
    constexpr std::string_view long_max = "9223372036854775807";
    if (digits.size() > long_max.size() ||
        (digits.size() == long_max.size() && digits > long_max)) {
        return std::nullopt;
    }
    return digits;
}

/// Whether `delta` (negative, zero or positive as left is less, equal or greater) satisfies `op`.
bool holds(RelationalOperator op, int delta) {
    switch (op) {
        case RelationalOperator::eq:
            return delta == 0;
        case RelationalOperator::ne:
            return delta != 0;
        case RelationalOperator::lt:
            return delta < 0;
        case RelationalOperator::le:
            return delta <= 0;
        case RelationalOperator::ge:
            return delta >= 0;
        case RelationalOperator::gt:
            return delta > 0;
    }
    return false;
}

}  // namespace

std::optional<RelationalOperator> parse_relational_operator(std::string_view text) {
    if (text == "==")
        return RelationalOperator::eq;
    if (text == "!=")
        return RelationalOperator::ne;
    if (text == "<")
        return RelationalOperator::lt;
    if (text == "<=")
        return RelationalOperator::le;
    if (text == ">=")
        return RelationalOperator::ge;
    if (text == ">")
        return RelationalOperator::gt;
    return std::nullopt;
}

Expected<bool> compare_operands(const std::string& left, RelationalOperator op,
                                const std::string& right) {
    int delta = 0;
    if (all_digits(left) && all_digits(right)) {
        const auto l = canonical_number(left);
        const auto r = canonical_number(right);
        if (!l || !r) {
            return Expected<bool>::failure("number out of range in relational expression: \"" +
                                           (l ? right : left) + "\"");
        }
        delta = l->size() != r->size() ? (l->size() < r->size() ? -1 : 1) : l->compare(*r);
    } else {
        delta = left.compare(right);
    }
    return holds(op, delta);
}

}  // namespace pmr::maincf
