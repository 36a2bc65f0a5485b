#include "core/maincf/main_cf.h"

#include <gtest/gtest.h>

namespace pmr::maincf {
namespace {

std::vector<std::string> messages(const MainCf& cf) {
    std::vector<std::string> out;
    for (const auto& d : cf.diagnostics())
        out.push_back(d.to_string());
    return out;
}

TEST(MainCfTest, ParsesSimpleDefinitions) {
    const auto cf = MainCf::parse("a = 1\nb=2\n", "main.cf");
    ASSERT_EQ(cf.definitions().size(), 2u);
    EXPECT_EQ(cf.get("a"), "1");
    EXPECT_EQ(cf.get("b"), "2");
    EXPECT_EQ(cf.get("c"), std::nullopt);
    EXPECT_TRUE(cf.diagnostics().empty());
}

TEST(MainCfTest, RendersEveryByteBack) {
    const std::string text = "# comment\r\n\n  \na = 1\r\n  continued\n#x\nb =\tvalue  ";
    EXPECT_EQ(MainCf::parse(text, "p").text(), text);
}

TEST(MainCfTest, JoinsContinuationLinesKeepingTheirLeadingWhiteSpace) {
    const auto cf = MainCf::parse("a = one\n  two\n\tthree\nb = x\n", "p");
    EXPECT_EQ(cf.get("a"), "one  two\tthree");
    EXPECT_EQ(cf.find("a")->line, 1);
    EXPECT_EQ(cf.find("a")->last_line, 3);
    EXPECT_EQ(cf.get("b"), "x");
}

TEST(MainCfTest, SkipsCommentAndBlankLinesInsideContinuations) {
    const auto cf = MainCf::parse("a = one\n# note\n\n   # indented note\n  two\n", "p");
    EXPECT_EQ(cf.get("a"), "one  two");
}

TEST(MainCfTest, NameAndEqualsMaySpanAContinuation) {
    const auto cf = MainCf::parse("a\n  = b\n", "p");
    EXPECT_EQ(cf.get("a"), "b");
}

TEST(MainCfTest, TrimsValueButKeepsInnerSpacing) {
    const auto cf = MainCf::parse("a   =    x   y  \r\n", "p");
    EXPECT_EQ(cf.get("a"), "x   y");
}

TEST(MainCfTest, EmptyValueIsADefinition) {
    const auto cf = MainCf::parse("relayhost =\n", "p");
    EXPECT_EQ(cf.get("relayhost"), "");
}

TEST(MainCfTest, LastDefinitionWinsWithAWarningNamingBothLines) {
    const auto cf = MainCf::parse("a = 1\nb = 2\na = 3\n", "/etc/postfix/main.cf");
    EXPECT_EQ(cf.get("a"), "3");
    EXPECT_EQ(messages(cf),
              std::vector<std::string>{"/etc/postfix/main.cf:3: overriding earlier entry: a=1 "
                                       "(defined at line 1)"});
    EXPECT_FALSE(cf.has_errors());
}

TEST(MainCfTest, RepeatingTheSameValueIsNotWarned) {
    const auto cf = MainCf::parse("a = 1\na = 1\n", "p");
    EXPECT_TRUE(cf.diagnostics().empty());
    EXPECT_EQ(cf.definitions().size(), 2u);
}

TEST(MainCfTest, MissingEqualsIsAnErrorWithTheWholeLogicalLine) {
    const auto cf = MainCf::parse("a = 1\nfoo bar\n  baz\nb = 2\n", "/etc/postfix/main.cf");
    EXPECT_TRUE(cf.has_errors());
    EXPECT_EQ(messages(cf),
              std::vector<std::string>{"/etc/postfix/main.cf:2: missing '=' after attribute name: "
                                       "\"foo bar  baz\""});
    EXPECT_EQ(cf.get("b"), "2");
    EXPECT_EQ(cf.diagnostics()[0].to_postfix_string(),
              "/etc/postfix/main.cf, line 2: missing '=' after attribute name: \"foo bar  baz\"");
}

TEST(MainCfTest, LeadingEqualsIsMissingAttributeName) {
    const auto cf = MainCf::parse("= value\n", "p");
    EXPECT_EQ(messages(cf), std::vector<std::string>{"p:1: missing attribute name: \"= value\""});
}

TEST(MainCfTest, FirstLogicalLineStartingWithWhiteSpaceIsWarnedAndIgnored) {
    const auto cf =
        MainCf::parse("# header\n  a = 1 and a long tail of text here\n  more\nb = 2\n", "p");
    EXPECT_EQ(cf.get("a"), std::nullopt);
    EXPECT_EQ(cf.get("b"), "2");
    EXPECT_EQ(messages(cf),
              std::vector<std::string>{"p:2: logical line must not start with whitespace: "
                                       "\"  a = 1 and a long tail of tex...\""});
    EXPECT_FALSE(cf.has_errors());
}

TEST(MainCfTest, MissingFinalNewlineAndCrlfAreRead) {
    const auto cf = MainCf::parse("a = 1\r\nb = 2", "p");
    EXPECT_EQ(cf.get("a"), "1");
    EXPECT_EQ(cf.get("b"), "2");
}

TEST(MainCfTest, NulByteIsAnError) {
    const auto cf = MainCf::parse(std::string("a = 1\nb = x\0y\n", 13), "p");
    EXPECT_EQ(messages(cf), std::vector<std::string>{"p:2: NUL byte in configuration line"});
}

TEST(MainCfTest, EffectiveListIsSortedByName) {
    const auto cf = MainCf::parse("z = 1\na = 2\nm = 3\na = 4\n", "p");
    std::vector<std::string> names;
    for (const Definition* d : cf.effective()) {
        names.emplace_back(d->name);
    }
    EXPECT_EQ(names, (std::vector<std::string>{"a", "m", "z"}));
    EXPECT_EQ(cf.find("a")->line, 4);
}

TEST(MainCfTest, CopiesShareStableViews) {
    std::optional<MainCf> original = MainCf::parse("a = one\n  two\n", "p");
    const MainCf copy = *original;
    original.reset();
    EXPECT_EQ(copy.get("a"), "one  two");
}

TEST(MainCfTest, EmptyDocument) {
    const MainCf empty;
    EXPECT_TRUE(empty.definitions().empty());
    EXPECT_EQ(empty.text(), "");
}

}  // namespace
}  // namespace pmr::maincf
