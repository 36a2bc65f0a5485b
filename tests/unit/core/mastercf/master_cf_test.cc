#include "core/mastercf/master_cf.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pmr::mastercf {
namespace {

std::vector<std::string> messages(const Diagnostics& diagnostics) {
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics)
        out.push_back(d.to_string());
    return out;
}

TEST(MasterCfTest, KeepsEveryByteAndReadsEntriesOverContinuationLines) {
    const std::string text =
        "# head\nsmtp inet n - y - - smtpd\n  -o a=1\n# inside\n\n  -o b=2\r\n"
        "pickup unix n - y 60 1 pickup";
    const MasterCf master_cf = MasterCf::parse(text, "/etc/postfix/master.cf");
    EXPECT_EQ(master_cf.text(), text);
    ASSERT_EQ(master_cf.entries().size(), 2U);
    const Entry& smtp = master_cf.entries()[0];
    EXPECT_EQ(smtp.line, 2);
    EXPECT_EQ(smtp.last_line, 6);
    EXPECT_EQ(smtp.service.words, (std::vector<std::string>{"smtp", "inet", "n", "-", "y", "-", "-",
                                                            "smtpd", "-o", "a=1", "-o", "b=2"}));
    EXPECT_EQ(master_cf.entries()[1].line, 7);
    EXPECT_FALSE(master_cf.has_errors());
    EXPECT_EQ(master_cf.find("pickup", "unix"), &master_cf.entries()[1]);
    EXPECT_EQ(master_cf.find("pickup", "inet"), nullptr);
}

TEST(MasterCfTest, WarnsAboutAnIndentedFirstLineAndIgnoresIt) {
    const MasterCf master_cf = MasterCf::parse(
        "  indented first line - - - - - x\nsmtp inet n - y - - smtpd\n", "/etc/postfix/master.cf");
    EXPECT_EQ(master_cf.entries().size(), 1U);
    EXPECT_EQ(messages(master_cf.diagnostics()),
              (std::vector<std::string>{
                  "/etc/postfix/master.cf:1: logical line must not start with whitespace: "
                  "\"  indented first line - - - - ...\""}));
}

TEST(MasterCfTest, ReportsEveryBadEntryWithPostconfsWords) {
    const MasterCf master_cf = MasterCf::parse(
        "a unix - -\nb tcp - - - - - x\nc unix - - - - - x -o {y\n", "/etc/postfix/master.cf");
    EXPECT_TRUE(master_cf.has_errors());
    EXPECT_EQ(master_cf.entries().size(), 1U);
    EXPECT_EQ(messages(master_cf.diagnostics()),
              (std::vector<std::string>{
                  "/etc/postfix/master.cf:1: bad field count",
                  "/etc/postfix/master.cf:2: invalid type field \"tcp\" in \"b tcp - - - - - x\"",
                  "/etc/postfix/master.cf:3: master.cf: missing '}' in \"{y\"",
                  "/etc/postfix/master.cf:3: master.cf: missing '=' after attribute name: \"y\""}));
    EXPECT_EQ(postconf_wording(master_cf.diagnostics()[0]),
              "file /etc/postfix/master.cf: line 1: bad field count");
    EXPECT_EQ(postconf_wording(master_cf.diagnostics()[1]),
              "invalid type field \"tcp\" in \"b tcp - - - - - x\"");
}

TEST(MasterCfTest, RefusesNulBytes) {
    const MasterCf master_cf =
        MasterCf::parse(std::string("a unix - - - - - x\0y\n", 21), "/etc/postfix/master.cf");
    EXPECT_EQ(messages(master_cf.diagnostics()).front(),
              "/etc/postfix/master.cf:1: NUL byte in configuration line");
}

TEST(MasterCfTest, AnEmptyFileHasNoEntries) {
    EXPECT_TRUE(MasterCf().entries().empty());
    EXPECT_TRUE(MasterCf::parse("# only\n\n", "m").entries().empty());
}

TEST(MasterCfTest, ReadAsAnotherPathSharesTheEntriesAndNamesThatPath) {
    const MasterCf first =
        MasterCf::parse("  indented - - - - - x\nsmtp inet n - y - - smtpd\n", "/etc/a/master.cf");
    const MasterCf second = first.read_as("/etc/b/master.cf");
    EXPECT_EQ(second.text(), first.text());
    EXPECT_EQ(second.entries().data(), first.entries().data());
    EXPECT_EQ(second.path(), "/etc/b/master.cf");
    EXPECT_EQ(messages(second.diagnostics()),
              (std::vector<std::string>{"/etc/b/master.cf:1: logical line must not start with "
                                        "whitespace: \"  indented - - - - - x\""}));
    EXPECT_EQ(first.path(), "/etc/a/master.cf");
    EXPECT_EQ(first.diagnostics()[0].path, "/etc/a/master.cf");
    EXPECT_EQ(first.read_as("/etc/a/master.cf").diagnostics()[0].path, "/etc/a/master.cf");
}

}  // namespace
}  // namespace pmr::mastercf
