#include "core/maincf/editor.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pmr::maincf {
namespace {

Edit set(std::string name, std::string value) {
    return Edit{EditKind::set, std::move(name), std::move(value)};
}
Edit remove(std::string name) {
    return Edit{EditKind::remove, std::move(name), ""};
}
Edit comment_out(std::string name) {
    return Edit{EditKind::comment_out, std::move(name), ""};
}
Edit append(std::string name, std::string value) {
    return Edit{EditKind::append_to_list, std::move(name), std::move(value)};
}

EditOutcome edit(const std::string& text, const std::vector<Edit>& edits) {
    return apply_edits(MainCf::parse(text, "/etc/postfix/main.cf"), edits);
}

std::vector<std::string> messages(const Diagnostics& diagnostics) {
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics)
        out.push_back(d.to_string());
    return out;
}

TEST(EditorTest, SetReplacesTheDefinitionInPlace) {
    const auto outcome = edit("# head\na = 1\nb = 2\nc = 3\n", {set("b", "two")});
    EXPECT_EQ(outcome.text, "# head\na = 1\nb = two\nc = 3\n");
    EXPECT_TRUE(outcome.changed);
    EXPECT_TRUE(outcome.warnings.empty());
}

TEST(EditorTest, SetRewritesTheWholeLineInPostconfsForm) {
    EXPECT_EQ(edit("b=2\n", {set("b", "3")}).text, "b = 3\n");
    EXPECT_EQ(edit("b   =   2   \n", {set("b", "3")}).text, "b = 3\n");
    EXPECT_EQ(edit("b\t= 2\n", {set("b", "3")}).text, "b = 3\n");
}

TEST(EditorTest, SetTrimsTheValueLikePostconf) {
    EXPECT_EQ(edit("a = 1\n", {set("a", " \t x  y \t")}).text, "a = x  y\n");
    EXPECT_EQ(edit("a = 1\n", {set("a", "")}).text, "a = \n");
}

TEST(EditorTest, SettingTheSameValueAgainIsNoChangeWhenTheLineIsAlreadyInPostconfsForm) {
    EXPECT_FALSE(edit("a = 1\n", {set("a", "1")}).changed);
    EXPECT_TRUE(edit("a=1\n", {set("a", "1")}).changed);
}

TEST(EditorTest, SeveralDefinitionsAreAllReplacedWithOneWarning) {
    const auto outcome = edit("a = 1\nb = 2\na = 3\na = 4\n", {set("a", "9")});
    EXPECT_EQ(outcome.text, "a = 9\nb = 2\na = 9\na = 9\n");
    EXPECT_EQ(messages(outcome.warnings),
              std::vector<std::string>{"/etc/postfix/main.cf: multiple entries for \"a\""});
    EXPECT_EQ(outcome.warnings[0].severity, Severity::warning);
}

TEST(EditorTest, ContinuationLinesOfAReplacedDefinitionAreDropped) {
    const auto outcome = edit("a = 1\n  2\n\t3\nb = x\n  y\n", {set("a", "9")});
    EXPECT_EQ(outcome.text, "a = 9\nb = x\n  y\n");
}

TEST(EditorTest, CommentAndBlankLinesInsideAContinuationAreKept) {
    const auto outcome = edit("a = 1\n# note\n  2\n\n   \n  3\nb = x\n", {set("a", "9")});
    EXPECT_EQ(outcome.text, "a = 9\n# note\n\n   \nb = x\n");
}

TEST(EditorTest, RemoveDropsEachDefinitionWithItsContinuationLines) {
    const auto outcome = edit("a = 1\n  2\n# note\n  3\nb = x\na = 4\n", {remove("a")});
    EXPECT_EQ(outcome.text, "# note\nb = x\n");
    EXPECT_EQ(messages(outcome.warnings),
              std::vector<std::string>{"/etc/postfix/main.cf: multiple entries for \"a\""});
}

TEST(EditorTest, CommentOutPrefixesTheHeadAndEveryContinuationLine) {
    const auto outcome = edit("a = 1\n  2\n# note\n\t3\nb = x\n", {comment_out("a")});
    EXPECT_EQ(outcome.text, "#a = 1\n#  2\n# note\n#\t3\nb = x\n");
}

TEST(EditorTest, RemoveAndCommentOutNeverAppend) {
    const auto outcome = edit("a = 1\n", {remove("zz"), comment_out("yy")});
    EXPECT_EQ(outcome.text, "a = 1\n");
    EXPECT_FALSE(outcome.changed);
}

TEST(EditorTest, AbsentNamesAreAppendedSortedByName) {
    const auto outcome = edit("m = 1\n", {set("zeta", "z"), set("alpha", "a"), set("m", "2")});
    EXPECT_EQ(outcome.text, "m = 2\nalpha = a\nzeta = z\n");
}

TEST(EditorTest, AFinalNewlineIsAddedBeforeAppending) {
    EXPECT_EQ(edit("a = 1", {set("b", "2")}).text, "a = 1\nb = 2\n");
    EXPECT_EQ(edit("# end", {set("b", "2")}).text, "# end\nb = 2\n");
    EXPECT_EQ(edit("", {set("b", "2")}).text, "b = 2\n");
}

TEST(EditorTest, AMissingFinalNewlineIsKeptWhenNothingIsAppended) {
    EXPECT_EQ(edit("a = 1\n# end", {set("a", "2")}).text, "a = 2\n# end");
    EXPECT_EQ(edit("a = 1", {set("a", "2")}).text, "a = 2\n");
    EXPECT_EQ(edit("b = 1\na = 1", {remove("a")}).text, "b = 1\n");
    EXPECT_EQ(edit("a = 1", {comment_out("a")}).text, "#a = 1");
}

TEST(EditorTest, CrlfLinesAreKeptButAReplacedLineEndsInLf) {
    const auto outcome = edit("a = 1\r\nb = 2\r\n  more\r\nc = 3\r\n", {set("b", "9")});
    EXPECT_EQ(outcome.text, "a = 1\r\nb = 9\nc = 3\r\n");
    EXPECT_EQ(edit("a = 1\r\nb = 2\r\n", {comment_out("a")}).text, "#a = 1\r\nb = 2\r\n");
    // The name ends at the carriage return, as postconf's does.
    EXPECT_EQ(edit("a\r\n  = 1\r\n", {remove("a")}).text, "");
}

TEST(EditorTest, OnlyTheExactNameMatches) {
    const auto outcome = edit("ab = 1\na_b = 2\n#a = 3\n", {set("a", "9")});
    EXPECT_EQ(outcome.text, "ab = 1\na_b = 2\n#a = 3\na = 9\n");
}

TEST(EditorTest, NameAndEqualsOnSeparateLinesAreOneDefinition) {
    EXPECT_EQ(edit("a\n  = 1\nb = 2\n", {set("a", "9")}).text, "a = 9\nb = 2\n");
}

TEST(EditorTest, IndentedFirstLineIsNotADefinition) {
    // Postfix ignores a first logical line that starts with white space; so does the editor.
    const auto outcome = edit("  a = 1\nb = 2\n", {set("a", "3")});
    EXPECT_EQ(outcome.text, "  a = 1\nb = 2\na = 3\n");
}

TEST(EditorTest, EveryOtherByteIsKept) {
    const std::string text = "# c1\n\n  \t\na = 1\r\n#x\n\tb = 2\nc = 3 \\\n  d\n\f\n";
    const auto outcome = edit(text, {set("c", "4")});
    EXPECT_EQ(outcome.text, "# c1\n\n  \t\na = 1\r\n#x\n\tb = 2\nc = 4\n\f\n");
}

TEST(EditorTest, NoEditsGiveTheInputBack) {
    const std::string text = "a = 1\r\n  x\n# c\nb";
    const auto outcome = edit(text, {});
    EXPECT_EQ(outcome.text, text);
    EXPECT_FALSE(outcome.changed);
}

TEST(EditorTest, MixedKindsApplyPerName) {
    const auto outcome =
        edit("a = 1\nb = 2\n  b2\nc = 3\n", {remove("a"), comment_out("b"), set("c", "9")});
    EXPECT_EQ(outcome.text, "#b = 2\n#  b2\nc = 9\n");
}

TEST(EditorTest, ALaterRequestForTheSameNameWinsWithAWarning) {
    const auto outcome =
        edit("a = 1\n", {set("a", "  first  "), set("b", "x"), set("a", "second")});
    EXPECT_EQ(outcome.text, "a = second\nb = x\n");
    EXPECT_EQ(
        messages(outcome.warnings),
        std::vector<std::string>{"/etc/postfix/main.cf: ignoring earlier request: 'a = first'"});
}

TEST(EditorTest, DuplicateRequestWarningsNameTheKindOfEdit) {
    const auto outcome =
        edit("a = 1\nb = 2\n", {remove("a"), set("a", "2"), comment_out("b"), remove("b")});
    EXPECT_EQ(outcome.text, "a = 2\n");
    EXPECT_EQ(messages(outcome.warnings),
              (std::vector<std::string>{"/etc/postfix/main.cf: ignoring earlier request: '-X a'",
                                        "/etc/postfix/main.cf: ignoring earlier request: '-# b'"}));
}

/// main.cf texts in the shapes an append meets: the list unset, empty, on one line, continued,
/// defined twice, last in a file without a final newline.
const std::vector<std::string> list_shapes{
    "# none\na = 1\n",
    "l =\na = 1\n",
    "l = /x\na = 1\n",
    "a = 1\nl = /x\n    /y\n# between\n\tz\nb = 2\n",
    "l = /old\na = 1\nl = /x /y\n",
    "a = 1\nl = /x /y",
};

TEST(EditorTest, AnAppendWritesWhatASetOfTheLongerListWrites) {
    for (const std::string& text : list_shapes) {
        const MainCf cf = MainCf::parse(text, "/etc/postfix/main.cf");
        const std::string now(cf.get("l").value_or(""));
        const std::string longer = now.empty() ? "/new" : now + " /new";
        const auto appended = apply_edits(cf, std::vector<Edit>{append("l", " /new ")});
        EXPECT_EQ(appended.text, apply_edits(cf, std::vector<Edit>{set("l", longer)}).text) << text;
        EXPECT_TRUE(appended.changed);
        EXPECT_EQ(value_after(cf, append("l", "/new")), longer) << text;
    }
}

TEST(EditorTest, AnAppendAddsNoElementTheListHoldsAlready) {
    // Finishing an interrupted step runs its edits again.
    EXPECT_EQ(edit("l = /x /new\n", {append("l", "/new")}).text, "l = /x /new\n");
    EXPECT_EQ(edit("l = /x,/new\n", {append("l", "/new /y /y")}).text, "l = /x,/new /y\n");
    const auto once = edit("a = 1\n", {append("l", "/new")});
    EXPECT_EQ(edit(once.text, {append("l", "/new")}).text, once.text);
}

TEST(EditorTest, ComposedEditsWriteWhatTheEditsWriteOneAfterTheOther) {
    const std::vector<Edit> edits{set("l", " /s "), set("l", ""),      append("l", "/a"),
                                  append("l", " "), append("l", "/x"), remove("l"),
                                  comment_out("l")};
    int composed = 0;
    for (const std::string& text : list_shapes) {
        for (const Edit& earlier : edits) {
            for (const Edit& later : edits) {
                Edit edit = earlier;
                const bool composable =
                    (earlier.kind == EditKind::set || earlier.kind == EditKind::append_to_list) &&
                    later.kind != EditKind::comment_out;
                EXPECT_EQ(compose_edits(edit, later), composable);
                if (!composable) {
                    EXPECT_EQ(edit, earlier);
                    continue;
                }
                ++composed;
                const MainCf cf = MainCf::parse(text, "/etc/postfix/main.cf");
                const std::string in_turn =
                    apply_edits(MainCf::parse(apply_edits(cf, std::vector<Edit>{earlier}).text,
                                              "/etc/postfix/main.cf"),
                                std::vector<Edit>{later})
                        .text;
                EXPECT_EQ(apply_edits(cf, std::vector<Edit>{edit}).text, in_turn)
                    << text << " | " << earlier.value << " then " << later.value;
            }
        }
    }
    EXPECT_EQ(composed, 6 * 5 * 6);
    Edit other_list = append("l", "/a");
    EXPECT_FALSE(compose_edits(other_list, append("m", "/b")));
}

TEST(EditorTest, TwoBatchesInTurnWriteWhatTwoPostconfCallsWrite) {
    const std::vector<std::vector<Edit>> firsts{{set("z", "26"), set("a", "1"), set("l", "x")},
                                                {comment_out("l"), set("m", "13"), remove("a")},
                                                {append("l", "/y"), set("b", " 2 ")}};
    const std::vector<std::vector<Edit>> seconds{
        {set("n", "14"), set("c", "3")}, {set("l", "again"), remove("z")}, {}};
    for (const std::string& text : list_shapes) {
        const MainCf cf = MainCf::parse(text, "/etc/postfix/main.cf");
        for (const auto& first : firsts) {
            for (const auto& second : seconds) {
                const std::string in_turn =
                    apply_edits(MainCf::parse(apply_edits(cf, first).text, "/etc/postfix/main.cf"),
                                second)
                        .text;
                EXPECT_EQ(apply_edits_in_turn(cf, first, second).text, in_turn) << text;
            }
        }
    }
}

TEST(EditorTest, EditingIgnoresParseErrorsLikePostconf) {
    // postconf -e does not parse main.cf: a line without '=' is kept as it is.
    const auto outcome = edit("bad line\na = 1\n", {set("a", "2")});
    EXPECT_EQ(outcome.text, "bad line\na = 2\n");
}

TEST(ValidateEditsTest, ValidEditsPass) {
    const std::vector<Edit> edits{set("a", "x y $z"), remove("b"), comment_out("c_d-e.f")};
    EXPECT_TRUE(validate_edits(edits, "<command line>").empty());
}

TEST(ValidateEditsTest, EveryProblemIsReportedWithItsOrigin) {
    const std::vector<Edit> edits{
        set("", "1"),
        set("a b", "1"),
        set("a=b", "1"),
        remove("#a"),
        set("c", "one\ntwo"),
        set("d", std::string("x\0y", 3)),
        comment_out(std::string("e\0", 2)),
        set("f\t", "1\n"),
        remove("g"),
    };
    EXPECT_EQ(messages(validate_edits(edits, "<command line>")),
              (std::vector<std::string>{
                  "<command line>: empty parameter name",
                  "<command line>: bad parameter name \"a b\": white space or '=' not allowed",
                  "<command line>: bad parameter name \"a=b\": white space or '=' not allowed",
                  "<command line>: bad parameter name \"#a\": must not start with '#'",
                  "<command line>: parameter c: value must be a single line",
                  "<command line>: parameter d: NUL byte in value",
                  "<command line>: bad parameter name: NUL byte",
                  "<command line>: bad parameter name \"f\t\": white space or '=' not allowed",
                  "<command line>: parameter f\t: value must be a single line",
              }));
    for (const Diagnostic& d : validate_edits(edits, "<command line>")) {
        EXPECT_EQ(d.severity, Severity::error);
    }
}

TEST(ValidateEditsTest, ValuesOfAppendsAreCheckedLikeThoseOfSets) {
    const std::vector<Edit> edits{append("l", "a\nb")};
    EXPECT_EQ(validate_edits(edits, "<here>").size(), 1U);
}

TEST(ValidateEditsTest, ValuesOfRemoveAndCommentOutAreNotChecked) {
    const std::vector<Edit> edits{Edit{EditKind::remove, "a", "x\ny"}};
    EXPECT_TRUE(validate_edits(edits, "m").empty());
}

}  // namespace
}  // namespace pmr::maincf
