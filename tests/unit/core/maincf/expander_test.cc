#include "core/maincf/expander.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

namespace pmr::maincf {
namespace {

class MapLookup final : public ParameterLookup {
  public:
    MapLookup(std::initializer_list<std::pair<const std::string, std::string>> values)
        : values_(values) {}
    void set(const std::string& name, const std::string& value) { values_[name] = value; }
    [[nodiscard]] std::optional<std::string_view> raw_value(std::string_view name) const override {
        const auto it = values_.find(std::string(name));
        if (it == values_.end())
            return std::nullopt;
        return it->second;
    }

  private:
    std::map<std::string, std::string> values_;
};

const MapLookup& sample() {
    static const MapLookup lookup{
        {"a", "A"},    {"b", "$a-B"}, {"empty", ""},       {"ten", "10"},
        {"nine", "9"}, {"x", "$$y"},  {"ref_e", "$empty"}, {"spaced", "  s  "},
    };
    return lookup;
}

std::string ok(std::string_view text, const ParameterLookup& lookup = sample()) {
    const Expansion e = expand(text, lookup);
    EXPECT_TRUE(e.ok()) << text << ": " << (e.errors.empty() ? "" : e.errors.front());
    return e.value;
}

std::vector<std::string> errors(std::string_view text, const ParameterLookup& lookup = sample()) {
    const Expansion e = expand(text, lookup);
    EXPECT_EQ(e.value, "") << "a failed expansion has no value";
    return e.errors;
}

using Errors = std::vector<std::string>;

TEST(ExpanderTest, TextWithoutReferencesIsUnchanged) {
    EXPECT_EQ(ok(""), "");
    EXPECT_EQ(ok("plain text, with {braces} and (parens)"),
              "plain text, with {braces} and (parens)");
}

TEST(ExpanderTest, ThreeFormsOfUnconditionalReference) {
    EXPECT_EQ(ok("$a"), "A");
    EXPECT_EQ(ok("${a}"), "A");
    EXPECT_EQ(ok("$(a)"), "A");
    EXPECT_EQ(ok("[$a|${a}|$(a)]"), "[A|A|A]");
}

TEST(ExpanderTest, BareNameEndsAtTheFirstNonNameCharacter) {
    EXPECT_EQ(ok("$a.b/$a-$a_x"), "A.b/A-");
    EXPECT_EQ(ok("${ a }"), "A");  // white space around a name is allowed in braces
}

TEST(ExpanderTest, ValuesAreExpandedRecursively) {
    EXPECT_EQ(ok("$b"), "A-B");
    EXPECT_EQ(ok("${b}/$(b)"), "A-B/A-B");
}

TEST(ExpanderTest, UndefinedAndEmptyNamesExpandToNothing) {
    EXPECT_EQ(ok("[$undefined]"), "[]");
    EXPECT_EQ(ok("[${undefined}]"), "[]");
    EXPECT_EQ(ok("[$empty][$ref_e]"), "[][]");
    EXPECT_EQ(ok("[${ }]"), "[]");  // an empty name in braces is just undefined
}

TEST(ExpanderTest, ValuesAreNotTrimmed) {
    EXPECT_EQ(ok("[$spaced]"), "[  s  ]");
}

TEST(ExpanderTest, DoubleDollarIsALiteralDollar) {
    EXPECT_EQ(ok("$$"), "$");
    EXPECT_EQ(ok("$$a"), "$a");
    EXPECT_EQ(ok("$$$a"), "$A");
    EXPECT_EQ(ok("$$$$"), "$$");
    EXPECT_EQ(ok("$x"), "$y");  // a `$$` inside a referenced value is not expanded twice
}

TEST(ExpanderTest, QuestionMarkGivesTextWhenTheNameIsNonEmpty) {
    EXPECT_EQ(ok("[${a?yes}]"), "[yes]");
    EXPECT_EQ(ok("[${empty?yes}]"), "[]");
    EXPECT_EQ(ok("[${undefined?yes}]"), "[]");
    EXPECT_EQ(ok("[${a?$b}]"), "[A-B]");
    EXPECT_EQ(ok("[${a? text with spaces }]"), "[ text with spaces ]");
}

TEST(ExpanderTest, QuestionMarkWithBracedText) {
    EXPECT_EQ(ok("[${a?{yes}}]"), "[yes]");
    EXPECT_EQ(ok("[${a ? {yes} }]"), "[yes]");
    EXPECT_EQ(ok("[${empty?{yes}}]"), "[]");
    EXPECT_EQ(ok("[${a?{ $a }}]"), "[ A ]");
}

TEST(ExpanderTest, ColonGivesTextWhenTheNameIsEmptyOrUndefined) {
    EXPECT_EQ(ok("[${a:no}]"), "[]");
    EXPECT_EQ(ok("[${empty:no}]"), "[no]");
    EXPECT_EQ(ok("[${undefined:no}]"), "[no]");
    EXPECT_EQ(ok("[${undefined:{no}}]"), "[no]");
    EXPECT_EQ(ok("[${undefined : { $a } }]"), "[ A ]");
}

TEST(ExpanderTest, TernaryConditional) {
    EXPECT_EQ(ok("${a?{yes}:{no}}"), "yes");
    EXPECT_EQ(ok("${empty?{yes}:{no}}"), "no");
    EXPECT_EQ(ok("${undefined ? {yes} : {no}}"), "no");
    EXPECT_EQ(ok("${undefined?{yes}:no $a}"), "no A");
    EXPECT_EQ(ok("${a?{yes}:no $a}"), "yes");
}

TEST(ExpanderTest, UnbracedQuestionMarkTextRunsToTheEnd) {
    // Postfix 2.11 compatibility: without braces, `:` belongs to the text.
    EXPECT_EQ(ok("${a?x:y}"), "x:y");
    EXPECT_EQ(ok("${empty?x:y}"), "");
    EXPECT_EQ(ok("${a??foo:{b}ar}"), "?foo:{b}ar");
}

TEST(ExpanderTest, ConditionalsNest) {
    EXPECT_EQ(ok("${a?{${b?{both}:{a only}}}:{none}}"), "both");
    EXPECT_EQ(ok("${a?{${empty?{both}:{a only}}}:{none}}"), "a only");
    EXPECT_EQ(ok("${a?{{inner braces}}}"), "{inner braces}");
}

TEST(ExpanderTest, TheUntakenBranchIsNotExpanded) {
    // A syntax error in the branch that is not taken goes unnoticed, as in Postfix.
    EXPECT_EQ(ok("${a?{yes}:{${bad name}}}"), "yes");
    EXPECT_EQ(ok("${empty?{$}:{no}}"), "no");
}

TEST(ExpanderTest, RelationalOperators) {
    EXPECT_EQ(ok("${{a}=={a}?{t}:{f}}"), "t");
    EXPECT_EQ(ok("${{a}=={b}?{t}:{f}}"), "f");
    EXPECT_EQ(ok("${{a}!={b}?{t}:{f}}"), "t");
    EXPECT_EQ(ok("${{a}<{b}?{t}:{f}}"), "t");
    EXPECT_EQ(ok("${{b}<={b}?{t}:{f}}"), "t");
    EXPECT_EQ(ok("${{a}>={b}?{t}:{f}}"), "f");
    EXPECT_EQ(ok("${{b}>{a}?{t}:{f}}"), "t");
    EXPECT_EQ(ok("${ {a} == {a} ? {t} : {f} }"), "t");
}

TEST(ExpanderTest, RelationalOperandsAreExpanded) {
    EXPECT_EQ(ok("${{$a}=={A}?{t}:{f}}"), "t");
    EXPECT_EQ(ok("${{$b}=={A-B}?{t}:{f}}"), "t");
    EXPECT_EQ(ok("${{$undefined}=={}?{t}:{f}}"), "t");
}

TEST(ExpanderTest, NumericComparisonWhenBothSidesAreAllDigits) {
    EXPECT_EQ(ok("${{$ten}<{$nine}?{lexical}:{numeric}}"), "numeric");
    EXPECT_EQ(ok("${{10}<{9a}?{lexical}:{numeric}}"), "lexical");
    EXPECT_EQ(ok("${{ 10}<{9}?{lexical}:{numeric}}"), "lexical");
    EXPECT_EQ(ok("${{007}=={7}?{equal}:{different}}"), "equal");
    EXPECT_EQ(ok("${{0}=={00}?{equal}:{different}}"), "equal");
    EXPECT_EQ(ok("${{00000000000000000000000042}=={42}?{equal}:{different}}"), "equal");
    EXPECT_EQ(ok("${{9223372036854775807}>{9223372036854775806}?{t}:{f}}"), "t");
    EXPECT_EQ(ok("${{}=={}?{t}:{f}}"), "t");  // empty operands compare as text
}

TEST(ExpanderTest, NumberTooLargeForALongIsAnError) {
    EXPECT_EQ(errors("${{9223372036854775808}>{1}?{t}:{f}}"),
              Errors{"number out of range in relational expression: \"9223372036854775808\""});
    EXPECT_EQ(errors("${{1}<{99999999999999999999}}"),
              Errors{"number out of range in relational expression: \"99999999999999999999\""});
}

TEST(ExpanderTest, RelationalValueWithoutConditionalIsTrueOrEmpty) {
    EXPECT_EQ(ok("[${{a}=={a}}]"), "[true]");
    EXPECT_EQ(ok("[${{a}!={a}}]"), "[]");
    EXPECT_EQ(ok("[${{a}=={a}:{no}}]"), "[]");
    EXPECT_EQ(ok("[${{a}!={a}:{no}}]"), "[no]");
}

TEST(ExpanderTest, ReferenceLoopIsReportedAsSuch) {
    const MapLookup lookup{{"a", "x $b"}, {"b", "${c}"}, {"c", "$a"}, {"self", "$self"}};
    EXPECT_EQ(errors("$a", lookup), Errors{"parameter reference loop: $a -> $b -> $c -> $a"});
    EXPECT_EQ(errors("[$self]", lookup), Errors{"parameter reference loop: $self -> $self"});
    // Testing a name in a conditional does not expand it: no loop.
    const MapLookup guarded{{"a", "${a?{set}}"}};
    EXPECT_EQ(ok("$a", guarded), "set");
}

MapLookup chain(int length, const std::string& last_value) {
    MapLookup lookup{};
    for (int i = 0; i < length; ++i) {
        lookup.set("a" + std::to_string(i), "$a" + std::to_string(i + 1));
    }
    lookup.set("a" + std::to_string(length), last_value);
    return lookup;
}

TEST(ExpanderTest, NestingLimitCountsEveryLevelLikePostfix) {
    // Checked against postconf -x: `$a0` with a0 = $a1, ..., a100 = x fails on the literal x
    // (the 102nd level), but succeeds when a100 is empty.
    EXPECT_EQ(ok("$a0", chain(99, "x")), "x");
    EXPECT_EQ(ok("$a0", chain(100, "")), "");
    EXPECT_EQ(errors("$a0", chain(100, "x")), Errors{"unreasonable macro call nesting: \"x\""});
    EXPECT_EQ(errors("$a0", chain(101, "")), Errors{"unreasonable macro call nesting: \"a101\""});
}

TEST(ExpanderTest, RelationalOperandsRestartTheNestingCount) {
    MapLookup lookup = chain(60, "x");
    for (int i = 0; i < 60; ++i) {
        lookup.set("b" + std::to_string(i), "$b" + std::to_string(i + 1));
    }
    lookup.set("b60", "${{$a0}=={x}?{deep}}");
    EXPECT_EQ(ok("$b0", lookup), "deep");
}

TEST(ExpanderTest, AbsurdlyDeepRelationalNestingIsAnError) {
    std::string text = "x";
    for (int i = 0; i < 1001; ++i)
        text = "${{" + text + "}=={x}}";
    EXPECT_EQ(errors(text), Errors{"macro expansion nested too deeply: \"{x}=={x}\""});
}

TEST(ExpanderTest, SyntaxErrors) {
    EXPECT_EQ(errors("abc$"), Errors{"empty macro name: \"abc$\""});
    EXPECT_EQ(errors("a $ b"), Errors{"empty macro name: \"a $ b\""});
    EXPECT_EQ(errors("${}"), Errors{"empty macro name: \"${}\""});
    EXPECT_EQ(errors("x ${a"), Errors{"truncated macro reference: \"x ${a\""});
    EXPECT_EQ(errors("$(a}"), Errors{"truncated macro reference: \"$(a}\""});
    EXPECT_EQ(errors("${{a}=={b}"), Errors{"truncated macro reference: \"${{a}=={b}\""});
    EXPECT_EQ(errors("${a b}"), Errors{"attribute name syntax error at: \"...a>>> b\""});
    EXPECT_EQ(errors("${a-b}"), Errors{"attribute name syntax error at: \"...a>>>-b\""});
    EXPECT_EQ(errors("$(a?{x)"), Errors{"unbalanced {} in attribute expression: \"{x\""});
    EXPECT_EQ(errors("${{a}~{b}}"),
              Errors{"\"==\" or \"!=\" or \"<\" or \"<=\" or \">=\" or \">\" expected at: "
                     "\"...a}>>>~{b}\""});
    EXPECT_EQ(errors("${{a}= {b}}"),
              Errors{"\"==\" or \"!=\" or \"<\" or \"<=\" or \">=\" or \">\" expected at: "
                     "\"...a}>>>= {b}\""});
    EXPECT_EQ(errors("${{a}== b}"), Errors{"\"{expression}\" expected at: \"...{a} ==>>> b\""});
    EXPECT_EQ(errors("${{a}=={b}x}"), Errors{"\"?\" or \":\" expected at: \"...}>>>x\""});
    EXPECT_EQ(errors("${a?{x}y}"), Errors{"\":\" expected at: \"...x}>>>y\""});
    EXPECT_EQ(errors("${a:{x}y}"), Errors{"unexpected input at: \"...x}>>>y\""});
    EXPECT_EQ(errors("${a?{x}:{y}z}"), Errors{"unexpected input at: \"...y}>>>z\""});
    EXPECT_EQ(errors("${empty?{x}:{y} {z}}"), Errors{"unexpected input at: \"...y}>>>{z}\""});
}

TEST(ExpanderTest, SyntaxErrorExcerptsAreCutAtTwentyCharacters) {
    EXPECT_EQ(errors("${{a}=={b} and then a longer tail}"),
              Errors{"\"?\" or \":\" expected at: \"...}>>>and then a longer ta\""});
}

TEST(ExpanderTest, ErrorInAReferencedValueFailsTheWholeValue) {
    const MapLookup lookup{{"bad", "${oops"}, {"good", "fine"}};
    EXPECT_EQ(errors("$good $bad", lookup), Errors{"truncated macro reference: \"${oops\""});
}

TEST(ReferencedNamesTest, FindsEveryReferenceInEveryBranch) {
    EXPECT_EQ(referenced_names("$a ${b?{$c}:{$d}} ${{$e}=={f}?{$g}} $$h $(i) ${j:$k} $a"),
              (std::vector<std::string>{"a", "b", "c", "d", "e", "g", "i", "j", "k"}));
}

TEST(ReferencedNamesTest, DoesNotFollowValuesAndStopsAtASyntaxError) {
    EXPECT_EQ(referenced_names("plain"), std::vector<std::string>{});
    EXPECT_EQ(referenced_names("$a ${b"), std::vector<std::string>{"a"});
    EXPECT_EQ(referenced_names("$a ${b c} $d"), std::vector<std::string>{"a"});
}

}  // namespace
}  // namespace pmr::maincf
