#include "core/mastercf/editor.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pmr::mastercf {
namespace {

const std::string path = "/etc/postfix/master.cf";

Edit request(EditMode mode, std::string_view argument) {
    auto parsed = parse_request(mode, argument);
    if (!parsed) {
        ADD_FAILURE() << argument << ": " << parsed.error();
        return Edit{};
    }
    return *parsed;
}

std::string error_of(EditMode mode, std::string_view argument) {
    auto parsed = parse_request(mode, argument);
    return parsed ? std::string("(accepted)") : parsed.error();
}

EditOutcome edit(const std::string& text, EditMode mode, const std::vector<std::string>& args) {
    std::vector<Edit> edits;
    for (const std::string& a : args)
        edits.push_back(request(mode, a));
    return apply_edits(MasterCf::parse(text, path), edits);
}

std::vector<std::string> messages(const Diagnostics& diagnostics) {
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics)
        out.push_back(d.message);
    return out;
}

TEST(MasterCfEditorTest, ParsesRequestsIntoTypedEdits) {
    EXPECT_EQ(request(EditMode::set_parameter, " smtp/inet/x = 1 "),
              Edit(SetParameter{{"smtp", "inet"}, "x", "1"}));
    EXPECT_EQ(request(EditMode::set_field, "smtp/inet/command=smtpd -v"),
              Edit(SetField{{"smtp", "inet"}, Field::command, "smtpd -v"}));
    EXPECT_EQ(request(EditMode::remove_service, "*/unix"), Edit(RemoveService{{"*", "unix"}}));
    EXPECT_EQ(request(EditMode::remove_parameter, "a//unix/x"),
              Edit(RemoveParameter{{"a", "unix"}, "x"}));
    EXPECT_EQ(request_text(SetService{{"a", "unix"}, "a unix - - - - - x"}),
              "a/unix=a unix - - - - - x");
    EXPECT_EQ(mode_of(CommentOutService{{"a", "unix"}}), EditMode::comment_out_service);
}

TEST(MasterCfEditorTest, RefusesRequestsWithPostconfsWords) {
    EXPECT_EQ(error_of(EditMode::set_parameter, "a/b/c=1\n"),
              "-Me, -Fe, -Pe, -X, or -# accept no multi-line input");
    EXPECT_EQ(error_of(EditMode::remove_service, " #a/b"),
              "-Me, -Fe, -Pe, -X, or -# accept no comment input");
    EXPECT_EQ(error_of(EditMode::set_service, "a/unix"),
              "missing '=' after attribute name: \"a/unix\"");
    EXPECT_EQ(error_of(EditMode::set_service, "=x"), "missing attribute name: \"=x\"");
    EXPECT_EQ(error_of(EditMode::remove_service, "a/unix=x"),
              "-X or -# requires names without value");
    EXPECT_EQ(error_of(EditMode::remove_service, "a"),
              "-Me, -MX or -M# requires service_name/type");
    EXPECT_EQ(error_of(EditMode::remove_service, "/a/unix"),
              "-Me, -MX or -M# requires service_name/type");
    EXPECT_EQ(error_of(EditMode::remove_service, "a*/unix"),
              "-Me, -MX or -M# requires service_name/type");
    // postconf drops its own trimming of trailing white space: the type is "unix ".
    EXPECT_EQ(request(EditMode::remove_service, "a/unix "), Edit(RemoveService{{"a", "unix "}}));
    EXPECT_EQ(error_of(EditMode::set_field, "a/unix=1"),
              "-Fe or -FX requires service_name/type/field_name");
    EXPECT_EQ(error_of(EditMode::set_field, "a/unix/Command=x"),
              "invalid service attribute name: \"Command\"");
    EXPECT_EQ(error_of(EditMode::set_field, "a/unix/*=x"),
              "-Fe does not accept wild-card field name");
    EXPECT_EQ(error_of(EditMode::set_field, "a/unix/chroot=a b"),
              "-Fe does not accept whitespace in non-command field");
    EXPECT_EQ(error_of(EditMode::set_field, "a/unix/chroot="), "empty value for field \"chroot\"");
    EXPECT_EQ(error_of(EditMode::set_parameter, "a/unix=1"),
              "-Pe or -PX requires service_name/type/parameter");
    EXPECT_EQ(error_of(EditMode::set_parameter, "a/unix/*=1"),
              "-Pe does not accept wild-card parameter name");
    EXPECT_EQ(error_of(EditMode::set_parameter, "a/unix/x=a b"),
              "-Pe does not accept whitespace in parameter value");
    EXPECT_EQ(error_of(EditMode::set_service, "a/unix=a unix -"),
              "bad field count: \"a/unix=a unix -\"");
    EXPECT_EQ(error_of(EditMode::set_service, "a/unix=a unix yes - - - - x"),
              "invalid private field \"yes\" in \"a unix yes - - - - x\"");
}

TEST(MasterCfEditorTest, ValidatesEditsBeforeApplyingThem) {
    const std::vector<Edit> edits = {
        SetParameter{{"a", "unix"}, "x", "1"}, RemoveParameter{{"a", "unix"}, "x"},
        SetParameter{{"a/b", "unix"}, "x", "1"}, SetParameter{{"a", "unix"}, "x=y", "1"},
        SetParameter{{"a", "unix"}, "x", "a b"}};
    EXPECT_EQ(messages(validate_edits(edits, "manifest.yaml:3")),
              (std::vector<std::string>{
                  "edit \"a/unix/x\" is of another kind than the first edit: apply each kind in "
                  "a separate batch",
                  "-Pe or -PX requires service_name/type/parameter",
                  "edit \"a/unix/x=y=1\": a part contains '/' or '='",
                  "-Pe does not accept whitespace in parameter value"}));
}

TEST(MasterCfEditorTest, SetParameterRewritesTheEntryAndMovesCommentsAboveIt) {
    const auto outcome =
        edit("smtp inet n - y - - smtpd\n  -o a=1\n# c\n\npickup unix n - y 60 1 pickup\n",
             EditMode::set_parameter, {"smtp/inet/b=2"});
    EXPECT_EQ(outcome.text,
              "# c\n\nsmtp       inet  n       -       y       -       -       smtpd\n"
              "    -o a=1\n    -o b=2\npickup unix n - y 60 1 pickup\n");
    EXPECT_TRUE(outcome.changed);
    EXPECT_TRUE(outcome.errors.empty());
}

TEST(MasterCfEditorTest, RemoveParameterDropsEverySetting) {
    EXPECT_EQ(edit("smtp inet n - y - - smtpd -o a=1 -v -o a=2\n", EditMode::remove_parameter,
                   {"smtp/inet/a"})
                  .text,
              "smtp       inet  n       -       y       -       -       smtpd -v\n");
}

TEST(MasterCfEditorTest, SetParameterAfterADanglingOptionLosesTheSetting) {
    // postconf inserts "-o a=1" after the dangling "-o", which then takes "-o" as its value.
    EXPECT_EQ(
        edit("smtp inet n - y - - smtpd\n -o\n", EditMode::set_parameter, {"smtp/inet/a=1"}).text,
        "smtp       inet  n       -       y       -       -       smtpd\n"
        "    -o -o\n    a=1\n");
}

TEST(MasterCfEditorTest, SetServiceReplacesInPlaceAndAppendsNewOnes) {
    const auto outcome = edit(
        "smtp inet n - y - - smtpd\nold unix - - - - - x\n", EditMode::set_service,
        {"smtp/inet=smtp inet n - n - - smtpd -o x=1", "new/unix=new unix - - n - 1 pipe flags=R"});
    EXPECT_EQ(outcome.text,
              "smtp       inet  n       -       n       -       -       smtpd\n"
              "    -o x=1\n"
              "old unix - - - - - x\n"
              "new        unix  -       -       n       -       1       pipe flags=R\n");
}

TEST(MasterCfEditorTest, SetServiceReplacesAnEntryWithTheDefinitionsOwnName) {
    EXPECT_EQ(edit("smtp inet n - y - - smtpd\n", EditMode::set_service,
                   {"pickup/unix=smtp inet n - n - - other"})
                  .text,
              "smtp       inet  n       -       n       -       -       other\n");
}

TEST(MasterCfEditorTest, SetServiceAddsANewlineBeforeAnAppendedEntry) {
    const auto outcome =
        edit("a unix - - - - - x", EditMode::set_service, {"b/unix=b unix - - - - - y"});
    EXPECT_EQ(outcome.text,
              "a unix - - - - - x\nb          unix  -       -       -       -       -       y\n");
    EXPECT_EQ(outcome.newline_added_at, 18U);
}

TEST(MasterCfEditorTest, CommentOutAndRemoveTakeContinuationLines) {
    const std::string text = "smtp inet n - y - - smtpd\n -o a=1\npickup unix n - y 60 1 pickup\n";
    EXPECT_EQ(edit(text, EditMode::comment_out_service, {"smtp/inet"}).text,
              "#smtp inet n - y - - smtpd\n# -o a=1\npickup unix n - y 60 1 pickup\n");
    EXPECT_EQ(edit(text, EditMode::remove_service, {"smtp/inet"}).text,
              "pickup unix n - y 60 1 pickup\n");
    EXPECT_EQ(edit(text, EditMode::remove_service, {"*/*"}).text, "");
    EXPECT_FALSE(edit(text, EditMode::remove_service, {"nosuch/unix"}).changed);
}

TEST(MasterCfEditorTest, SetFieldChecksTheNewValue) {
    const std::string text = "smtp inet n - y - - smtpd\n";
    const auto outcome = edit(text, EditMode::set_field, {"smtp/inet/chroot=n", "x/unix/chroot=y"});
    EXPECT_EQ(outcome.text, "smtp       inet  n       -       n       -       -       smtpd\n");
    EXPECT_EQ(messages(outcome.warnings),
              (std::vector<std::string>{"unmatched service_name/type: \"x/unix/chroot=y\""}));
    const auto refused = edit(text, EditMode::set_field, {"smtp/inet/private=yes"});
    EXPECT_EQ(messages(refused.errors),
              (std::vector<std::string>{"invalid private field \"yes\" in \"yes\""}));
    EXPECT_EQ(refused.text, text);
    EXPECT_FALSE(refused.changed);
}

TEST(MasterCfEditorTest, SetFieldOfTheCommandLosesBracesOfTheFirstArgument) {
    EXPECT_EQ(edit("c unix - - - - - x\n", EditMode::set_field, {"c/unix/command=y {a b} c"}).text,
              "c          unix  -       -       -       -       -       y a b c\n");
}

TEST(MasterCfEditorTest, RefusesEntriesWhoseNameAndTypeAreNotOnTheFirstLine) {
    const auto outcome =
        edit("smtp\n inet n - y - - smtpd\n", EditMode::set_parameter, {"smtp/inet/a=1"});
    EXPECT_EQ(messages(outcome.errors),
              (std::vector<std::string>{"file /etc/postfix/master.cf: line 1: specify service "
                                        "name and type on the same line"}));
    EXPECT_EQ(messages(edit("a=b unix - - - - - x\n", EditMode::remove_service, {"a/unix"}).errors),
              (std::vector<std::string>{"file /etc/postfix/master.cf: line 1: service name "
                                        "syntax \"a=b\" is unsupported with -Me, -Fe, -Pe, -X, "
                                        "or -#"}));
}

TEST(MasterCfEditorTest, LineNumbersSkipTheLinesReadWithAnEditedEntry) {
    // postconf does not count the continuation lines it reads with an entry it edits.
    const auto outcome =
        edit("a unix - - - - - x\n -v\n -v\nb\n", EditMode::set_parameter, {"a/unix/p=1"});
    EXPECT_EQ(messages(outcome.errors),
              (std::vector<std::string>{"file /etc/postfix/master.cf: line 2: specify service "
                                        "name and type on the same line"}));
}

TEST(MasterCfEditorTest, NoEditsChangeNothing) {
    const auto outcome = apply_edits(MasterCf::parse("a unix - - - - - x\n", path), {});
    EXPECT_EQ(outcome.text, "a unix - - - - - x\n");
    EXPECT_FALSE(outcome.changed);
}

}  // namespace
}  // namespace pmr::mastercf
