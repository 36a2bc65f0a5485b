#include "core/maincf/relational_operator.h"

#include <gtest/gtest.h>

#include <string>

namespace pmr::maincf {
namespace {

bool holds(const std::string& left, std::string_view op, const std::string& right) {
    const auto parsed = parse_relational_operator(op);
    EXPECT_TRUE(parsed.has_value()) << op;
    const Expected<bool> result = compare_operands(left, *parsed, right);
    EXPECT_TRUE(result.ok()) << result.error();
    return *result;
}

TEST(RelationalOperator, ParsesTheSixOperatorsAndNothingElse) {
    for (std::string_view op : {"==", "!=", "<", "<=", ">=", ">"})
        EXPECT_TRUE(parse_relational_operator(op).has_value()) << op;
    for (std::string_view op : {"", "=", "<>", "=<", "!", "==="})
        EXPECT_FALSE(parse_relational_operator(op).has_value()) << op;
}

TEST(RelationalOperator, ComparesAllDigitOperandsAsNumbers) {
    EXPECT_TRUE(holds("9", "<", "10"));
    EXPECT_TRUE(holds("007", "==", "7"));
    EXPECT_TRUE(holds("0", "==", "000"));
    EXPECT_TRUE(holds("9223372036854775807", ">", "9223372036854775806"));
}

TEST(RelationalOperator, ComparesOtherOperandsByteByByte) {
    EXPECT_TRUE(holds("9", ">", "10x"));
    EXPECT_TRUE(holds("", "<", "a"));
    EXPECT_TRUE(holds("abc", "!=", "abd"));
    EXPECT_TRUE(holds("b", ">=", "b"));
    EXPECT_TRUE(holds("a", "<=", "b"));
}

TEST(RelationalOperator, ANumberTooLargeForALongFailsNamingIt) {
    const Expected<bool> result =
        compare_operands("1", RelationalOperator::lt, "9223372036854775808");
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(),
              "number out of range in relational expression: \"9223372036854775808\"");
}

}  // namespace
}  // namespace pmr::maincf
