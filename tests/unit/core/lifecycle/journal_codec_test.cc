#include "core/lifecycle/journal_codec.h"

#include <gtest/gtest.h>

namespace pmr::lifecycle {
namespace {

using maincf::Edit;
using maincf::EditKind;

JournalEntry entry_with(std::vector<Edit> edits) {
    return JournalEntry{
        "create postfix-out (/etc/postfix-out)",
        {EditMainCf{"/etc/postfix/main.cf", std::move(edits)}, BuildQueueTree{"/etc/postfix-out"}}};
}

TEST(JournalCodecTest, EveryEditKindIsReadBackAsWritten) {
    const std::vector<Edit> edits{
        {EditKind::set, "a", "1"},
        {EditKind::remove, "b", ""},
        {EditKind::comment_out, "c", ""},
        {EditKind::append_to_list, "multi_instance_directories", "/etc/postfix-out"}};
    Diagnostics problems;
    const auto read = decode_journal(encode_journal(entry_with(edits)), "journal", problems);
    ASSERT_TRUE(read) << (problems.empty() ? "" : problems.front().message);
    EXPECT_EQ(std::get<EditMainCf>(read->operations.at(0)).edits, edits);
}

TEST(JournalCodecTest, AnAppendNeedsFormatOneOneAndOtherEntriesStayOneZero) {
    EXPECT_NE(
        encode_journal(entry_with({{EditKind::set, "a", "1"}})).find("\"format_version\":\"1.0\""),
        std::string::npos);
    const std::string appending = encode_journal(
        entry_with({{EditKind::append_to_list, "multi_instance_directories", "/etc/postfix-out"}}));
    EXPECT_NE(appending.find("\"format_version\":\"1.1\""), std::string::npos) << appending;
    EXPECT_NE(appending.find("\"kind\":\"append_to_list\""), std::string::npos) << appending;
}

TEST(JournalCodecTest, AnUnknownEditKindIsRefusedNotTakenForASet) {
    std::string text = encode_journal(entry_with({{EditKind::set, "a", "1"}}));
    const std::string kind = "\"kind\":\"set\"";
    ASSERT_NE(text.find(kind), std::string::npos) << text;
    text.replace(text.find(kind), kind.size(), "\"kind\":\"prepend_to_list\"");
    Diagnostics problems;
    EXPECT_FALSE(decode_journal(text, "/var/lib/pmreconcile/x/journal.json", problems));
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_NE(problems.front().message.find("damaged apply journal: unknown edit kind "
                                            "'prepend_to_list'"),
              std::string::npos)
        << problems.front().message;
    EXPECT_EQ(problems.front().path, "/var/lib/pmreconcile/x/journal.json");
}

TEST(JournalCodecTest, AnotherMajorFormatIsRefused) {
    std::string text = encode_journal(entry_with({{EditKind::set, "a", "1"}}));
    const std::string version = "\"format_version\":\"1.0\"";
    ASSERT_NE(text.find(version), std::string::npos) << text;
    text.replace(text.find(version), version.size(), "\"format_version\":\"2.0\"");
    Diagnostics problems;
    EXPECT_FALSE(decode_journal(text, "journal", problems));
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_NE(problems.front().message.find("format_version 2.0 is not supported"),
              std::string::npos)
        << problems.front().message;
}

}  // namespace
}  // namespace pmr::lifecycle
