#include "core/postfix_files/flags.h"

#include <gtest/gtest.h>

namespace pmr::postfix_files {
namespace {

TEST(FlagsTest, ReadsEveryLetter) {
    EXPECT_EQ(parse_flags("ucr"), (Flags{false, true, true, true, false, false}));
    EXPECT_EQ(parse_flags("p1"), (Flags{true, false, false, false, false, true}));
    EXPECT_EQ(parse_flags("i"), (Flags{false, false, false, false, false, true}));
    EXPECT_EQ(parse_flags("o"), (Flags{false, false, false, false, true, false}));
    EXPECT_EQ(parse_flags(""), Flags{});
}

TEST(FlagsTest, IgnoresOtherCharactersButNamesThem) {
    EXPECT_EQ(parse_flags("uzq"), (Flags{false, true, false, false, false, false}));
    EXPECT_EQ(unknown_flag_letters("uzqz-"), "zq-");
    EXPECT_EQ(unknown_flag_letters("pucro1i"), "");
}

}  // namespace
}  // namespace pmr::postfix_files
