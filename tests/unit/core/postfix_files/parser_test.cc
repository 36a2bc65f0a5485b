#include "core/postfix_files/parser.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace pmr::postfix_files {
namespace {

std::vector<std::string> messages(const ParsedFiles& parsed) {
    std::vector<std::string> out;
    for (const Diagnostic& d : parsed.diagnostics)
        out.push_back(d.to_string());
    return out;
}

TEST(ParserTest, ReadsEveryField) {
    const auto parsed = parse_postfix_files(
        "$queue_directory/maildrop:d:$mail_owner:$setgid_group:730:uc\n", "postfix-files");
    ASSERT_EQ(parsed.entries.size(), 1u);
    const Entry& entry = parsed.entries[0];
    EXPECT_EQ(entry.path, "$queue_directory/maildrop");
    EXPECT_EQ(entry.type, EntryType::directory);
    EXPECT_EQ(entry.owner, "$mail_owner");
    EXPECT_EQ(entry.group, "$setgid_group");
    EXPECT_EQ(entry.mode, "730");
    EXPECT_EQ(entry.flags, "uc");
    EXPECT_EQ(entry.origin, "postfix-files");
    EXPECT_EQ(entry.line, 1);
    EXPECT_TRUE(parsed.diagnostics.empty());
}

TEST(ParserTest, MissingTrailingFieldsAreEmpty) {
    const auto parsed = parse_postfix_files(
        "$daemon_directory/nqmgr:h:$daemon_directory/qmgr\n"
        "$manpage_directory/man8/oqmgr.8postfix.gz:f:root:-:644:\n"
        "$sendmail_path:f:root:-:755",
        "p");
    ASSERT_EQ(parsed.entries.size(), 3u);
    EXPECT_EQ(parsed.entries[0].type, EntryType::hard_link);
    EXPECT_EQ(parsed.entries[0].owner, "$daemon_directory/qmgr");
    EXPECT_EQ(parsed.entries[0].group, "");
    EXPECT_EQ(parsed.entries[0].mode, "");
    EXPECT_EQ(parsed.entries[1].group, "-");
    EXPECT_EQ(parsed.entries[1].flags, "");
    EXPECT_EQ(parsed.entries[2].line, 3);
    EXPECT_TRUE(parsed.diagnostics.empty());
}

TEST(ParserTest, SkipsCommentsAndBlankLinesSilently) {
    const auto parsed = parse_postfix_files("#\n# comment\n\n   \n\t\n#$x:d:root:-:755\n", "p");
    EXPECT_TRUE(parsed.entries.empty());
    EXPECT_TRUE(parsed.diagnostics.empty());
}

TEST(ParserTest, WarnsAboutLinesPostInstallWouldSkip) {
    const auto parsed = parse_postfix_files(
        "/usr/sbin/postfix:f:root:-:755\n"
        "  $queue_directory/x:d:root:-:755\n"
        "$queue_directory/y:d:root:-:755:uz:extra:more\n",
        "/etc/postfix/postfix-files.d/local");
    ASSERT_EQ(parsed.entries.size(), 1u);
    EXPECT_EQ(parsed.entries[0].flags, "uz");
    EXPECT_EQ(messages(parsed),
              (std::vector<std::string>{
                  "/etc/postfix/postfix-files.d/local:1: line ignored: the name does not start "
                  "with '$'",
                  "/etc/postfix/postfix-files.d/local:2: line ignored: the name does not start "
                  "with '$'",
                  "/etc/postfix/postfix-files.d/local:3: unknown flags 'z' ignored",
                  "/etc/postfix/postfix-files.d/local:3: extra fields ignored: 'extra:more'"}));
    EXPECT_FALSE(has_errors(parsed.diagnostics));
}

TEST(ParserTest, ReportsEveryMalformedRecordAndLeavesItOut) {
    const auto parsed = parse_postfix_files(
        "$a:x:root:-:755\n"
        "$b\n"
        "$c:d:-:-:755\n"
        "$d:f:root:-\n"
        "$e:d:root:-:rwx\n"
        "$f:l\n"
        "$g:d:root :-:755\n"
        "$h:d:root:-:17777:u\n"
        "$ok:d:root:-:755:u\n",
        "postfix-files");
    ASSERT_EQ(parsed.entries.size(), 1u);
    EXPECT_EQ(parsed.entries[0].path, "$ok");
    EXPECT_EQ(messages(parsed),
              (std::vector<std::string>{
                  "postfix-files:1: unknown file type 'x' (expected d, f, h or l)",
                  "postfix-files:2: missing file type (expected d, f, h or l)",
                  "postfix-files:3: missing owner", "postfix-files:4: missing permission",
                  "postfix-files:5: invalid permission 'rwx' (expected octal digits, at most "
                  "7777)",
                  "postfix-files:6: missing link source in the owner field",
                  "postfix-files:7: white space in the owner field 'root '",
                  "postfix-files:8: invalid permission '17777' (expected octal digits, at most "
                  "7777)"}));
}

TEST(ParserTest, LinksNeedNoModeOrGroup) {
    const auto parsed = parse_postfix_files("$mailq_path:l:$sendmail_path\n", "p");
    ASSERT_EQ(parsed.entries.size(), 1u);
    EXPECT_EQ(parsed.entries[0].type, EntryType::symbolic_link);
    EXPECT_TRUE(parsed.diagnostics.empty());
}

TEST(ParserTest, FlagsToBeExpandedAreNotChecked) {
    const auto parsed = parse_postfix_files("$a:d:root:-:755:$flags\n", "p");
    ASSERT_EQ(parsed.entries.size(), 1u);
    EXPECT_TRUE(parsed.diagnostics.empty());
}

TEST(ParserTest, ParsesDebiansFileWithoutFindings) {
    std::ifstream in(PMR_SOURCE_DIR
                     "/tests/unit/core/postfix_files/debian-12-postfix-3.7.11.postfix-files");
    ASSERT_TRUE(in) << "fixture missing";
    std::stringstream text;
    text << in.rdbuf();
    const auto parsed = parse_postfix_files(text.str(), "/etc/postfix/postfix-files");
    EXPECT_TRUE(parsed.diagnostics.empty()) << messages(parsed).front();
    EXPECT_EQ(parsed.entries.size(), 154u);
    EXPECT_EQ(parsed.entries.front().path, "$config_directory");
    EXPECT_EQ(parsed.entries.front().line, 48);
}

}  // namespace
}  // namespace pmr::postfix_files
