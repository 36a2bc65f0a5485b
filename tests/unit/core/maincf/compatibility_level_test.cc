#include "core/maincf/compatibility_level.h"

#include <gtest/gtest.h>

namespace pmr::maincf {
namespace {

using Strings = std::vector<std::string>;

TEST(ParseCompatibilityLevelTest, MissingPartsAreZero) {
    EXPECT_EQ(parse_compatibility_level("3"), parse_compatibility_level("3.0"));
    EXPECT_EQ(parse_compatibility_level("3.6"), parse_compatibility_level("3.6.0"));
    EXPECT_EQ(parse_compatibility_level("0"), 0);
}

TEST(ParseCompatibilityLevelTest, ComparesNumberByNumber) {
    EXPECT_LT(parse_compatibility_level("3.9"), parse_compatibility_level("3.10"));
    EXPECT_LT(parse_compatibility_level("2"), parse_compatibility_level("3.6"));
    EXPECT_LT(parse_compatibility_level("3.5.1023"), parse_compatibility_level("3.6"));
    EXPECT_LT(parse_compatibility_level("3.6"), parse_compatibility_level("3.6.1"));
}

TEST(ParseCompatibilityLevelTest, StrtolsLeadingSpaceAndPlusAreTaken) {
    EXPECT_EQ(parse_compatibility_level(" 3.+6"), parse_compatibility_level("3.6"));
}

TEST(ParseCompatibilityLevelTest, MalformedIsNullopt) {
    for (const char* text : {"", "x", "3.", "3..6", ".6", "3.6.", "3.6.1.2", "3,6", "3.6x", "-1",
                             "3.1024", "3.6.1024", "99999999999999999999"}) {
        EXPECT_EQ(parse_compatibility_level(text), std::nullopt) << text;
    }
}

TEST(CompatibilityNoticesTest, BelowThreeSixPrintsPostfixsThreeNotices) {
    // Bug fix (#3): postfix(1) prints these before set-permissions and destroy's rmdir loops.
    const Strings expected{
        "Postfix is using backwards-compatible default settings",
        "See http://www.postfix.org/COMPATIBILITY_README.html for details",
        "To disable backwards compatibility use \"postconf compatibility_level=3.6\" and "
        "\"postfix reload\""};
    for (const char* level : {"0", "2", "3.5", "3.5.9"}) {
        const auto notices = compatibility_notices(level);
        ASSERT_TRUE(notices) << notices.error();
        EXPECT_EQ(*notices, expected) << level;
    }
}

TEST(CompatibilityNoticesTest, ThreeSixAndAboveIsSilent) {
    for (const char* level : {"3.6", "3.6.0", "3.7", "3.10", "4"}) {
        const auto notices = compatibility_notices(level);
        ASSERT_TRUE(notices) << notices.error();
        EXPECT_TRUE(notices->empty()) << level;
    }
}

TEST(CompatibilityNoticesTest, MalformedLevelIsPostfixsFatal) {
    const auto notices = compatibility_notices("3.x");
    ASSERT_FALSE(notices);
    EXPECT_EQ(notices.error(), "malformed compatibility level syntax: \"3.x\"");
}

}  // namespace
}  // namespace pmr::maincf
