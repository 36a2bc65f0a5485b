// Names and records another user controls are printed escaped (#12): no terminal escape
// sequence, no forged line, no C1 control reaches the administrator's screen.
#include "core/support/printable.h"

#include <gtest/gtest.h>

namespace pmr {
namespace {

TEST(PrintableTest, PlainTextIsKept) {
    EXPECT_EQ(printable("/var/spool/postfix-out/active/4F1A2B3C"),
              "/var/spool/postfix-out/active/4F1A2B3C");
    EXPECT_EQ(printable(""), "");
}

TEST(PrintableTest, ControlCharactersAreEscaped) {
    EXPECT_EQ(printable("a\x1b[2Jb"), "a\\x1b[2Jb");
    EXPECT_EQ(printable("line\nforged"), "line\\x0aforged");
    EXPECT_EQ(printable("tab\tdel\x7f"), "tab\\x09del\\x7f");
    EXPECT_EQ(printable(std::string_view("nul\0x", 5)), "nul\\x00x");
}

TEST(PrintableTest, BackslashIsEscapedSoEscapesCannotBeForged) {
    EXPECT_EQ(printable("a\\x1bb"), "a\\\\x1bb");
}

TEST(PrintableTest, ValidUtf8IsKept) {
    EXPECT_EQ(printable("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\xa7"),
              "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\xa7");
}

TEST(PrintableTest, C1ControlsAndInvalidUtf8AreEscaped) {
    EXPECT_EQ(printable("\xc2\x9b"
                        "31m"),
              "\\xc2\\x9b31m");  // CSI as U+009B
    EXPECT_EQ(printable("\x9b"
                        "31m"),
              "\\x9b31m");                                    // a bare C1 byte
    EXPECT_EQ(printable("\xc0\xaf"), "\\xc0\\xaf");           // overlong '/'
    EXPECT_EQ(printable("\xed\xa0\x80"), "\\xed\\xa0\\x80");  // a surrogate
    EXPECT_EQ(printable("\xe2\x82"), "\\xe2\\x82");           // cut short
}

}  // namespace
}  // namespace pmr
