#include "core/postfix_files/mode.h"

#include <gtest/gtest.h>

namespace pmr::postfix_files {
namespace {

TEST(ModeTest, ParsesOctalDigits) {
    EXPECT_EQ(parse_mode("730"), (Mode{0730, false}));
    EXPECT_EQ(parse_mode("2755"), (Mode{02755, false}));
    EXPECT_EQ(parse_mode("7"), (Mode{07, false}));
    EXPECT_EQ(parse_mode("00755"), (Mode{0755, true}));
}

TEST(ModeTest, RefusesWhatChmodWouldNotTakeAsOctal) {
    EXPECT_EQ(parse_mode(""), std::nullopt);
    EXPECT_EQ(parse_mode("-"), std::nullopt);
    EXPECT_EQ(parse_mode("8"), std::nullopt);
    EXPECT_EQ(parse_mode("u+rwx"), std::nullopt);
    EXPECT_EQ(parse_mode("$mode"), std::nullopt);
    EXPECT_EQ(parse_mode("17777"), std::nullopt);
    EXPECT_EQ(parse_mode(" 755"), std::nullopt);
}

TEST(ModeTest, FilesGetExactlyTheBits) {
    EXPECT_EQ(chmod_result(Mode{0755, false}, 06755, false), 0755u);
    EXPECT_EQ(chmod_result(Mode{02755, false}, 0644, false), 02755u);
}

// GNU chmod keeps a directory's set-user-ID and set-group-ID bits unless the mode mentions
// them (checked against coreutils 9.1: chmod 700 on a 6755 directory leaves 6700).
TEST(ModeTest, DirectoriesKeepSetIdBitsUnlessFiveDigitsAreGiven) {
    EXPECT_EQ(chmod_result(Mode{0700, false}, 06755, true), 06700u);
    EXPECT_EQ(chmod_result(Mode{0700, false}, 02755, true), 02700u);
    EXPECT_EQ(chmod_result(Mode{02700, false}, 04755, true), 06700u);
    EXPECT_EQ(chmod_result(Mode{0700, true}, 06755, true), 0700u);
}

TEST(ModeTest, DirectoriesLoseTheStickyBitLikeAnyOtherMentionedBit) {
    EXPECT_EQ(chmod_result(Mode{0730, false}, 01730, true), 0730u);
}

TEST(ModeTest, FormatsWithALeadingZero) {
    EXPECT_EQ(format_mode(0755), "0755");
    EXPECT_EQ(format_mode(02710), "02710");
    EXPECT_EQ(format_mode(0), "0000");
    EXPECT_EQ(format_mode(07), "0007");
}

}  // namespace
}  // namespace pmr::postfix_files
