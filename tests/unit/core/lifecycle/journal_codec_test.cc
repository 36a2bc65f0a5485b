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
    text.replace(text.find(version), version.size(), "\"format_version\":\"3.0\"");
    Diagnostics problems;
    EXPECT_FALSE(decode_journal(text, "journal", problems));
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_NE(problems.front().message.find("format_version 3.0 is not supported"),
              std::string::npos)
        << problems.front().message;
}

// --- owed work (#13) -------------------------------------------------------------------------

const OwedWork owed_out{OwedKind::reload, "/etc/postfix-out"};

TEST(JournalCodecTest, OwedWorkAloneIsReadBackAsWrittenInFormatTwo) {
    const JournalEntry entry{"", {}, {owed_out, {OwedKind::reload, "/etc/postfix"}}};
    const std::string text = encode_journal(entry);
    EXPECT_NE(text.find("\"format_version\":\"2.0\""), std::string::npos) << text;
    EXPECT_NE(
        text.find("\"owed\":[{\"kind\":\"reload\",\"config_directory\":\"/etc/postfix-out\"}"),
        std::string::npos)
        << text;
    Diagnostics problems;
    const auto read = decode_journal(text, "journal", problems);
    ASSERT_TRUE(read) << (problems.empty() ? "" : problems.front().message);
    EXPECT_FALSE(read->has_step());
    EXPECT_EQ(read->owed, entry.owed);
}

TEST(JournalCodecTest, AStepInProgressAndOwedWorkAreReadBackTogether) {
    JournalEntry entry = entry_with({{EditKind::set, "a", "1"}});
    entry.owed = {owed_out};
    Diagnostics problems;
    const auto read = decode_journal(encode_journal(entry), "journal", problems);
    ASSERT_TRUE(read) << (problems.empty() ? "" : problems.front().message);
    EXPECT_TRUE(read->has_step());
    EXPECT_EQ(read->step, entry.step);
    EXPECT_EQ(read->operations.size(), 2U);
    EXPECT_EQ(read->owed, entry.owed);
}

TEST(JournalCodecTest, AnUnknownOwedKindIsRefusedNotTakenForAReload) {
    std::string text = encode_journal(JournalEntry{"", {}, {owed_out}});
    const std::string kind = "\"kind\":\"reload\"";
    ASSERT_NE(text.find(kind), std::string::npos) << text;
    text.replace(text.find(kind), kind.size(), "\"kind\":\"restart\"");
    Diagnostics problems;
    EXPECT_FALSE(decode_journal(text, "/var/lib/pmreconcile/x/journal.json", problems));
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_NE(problems.front().message.find("damaged apply journal: unknown owed work kind "
                                            "'restart'"),
              std::string::npos)
        << problems.front().message;
}

TEST(JournalCodecTest, WithoutOwedWorkTheEncodingIsAsBefore) {
    // What pmreconcile wrote before owed work existed, byte for byte: old journals still read,
    // and step digests (operations_digest) do not move.
    const JournalEntry entry{"reload postfix-out (/etc/postfix-out)",
                             {RunPostfix{"/etc/postfix-out", "reload"}}};
    const std::string before =
        "{\"format_version\":\"1.0\",\"step\":\"reload postfix-out (/etc/postfix-out)\","
        "\"operations\":[{\"op\":\"run_postfix\",\"config_directory\":\"/etc/postfix-out\","
        "\"command\":\"reload\"}]}\n";
    EXPECT_EQ(encode_journal(entry), before);
    Diagnostics problems;
    const auto read = decode_journal(before, "journal", problems);
    ASSERT_TRUE(read);
    EXPECT_TRUE(read->has_step());
    EXPECT_TRUE(read->owed.empty());
}

TEST(JournalCodecTest, AFormatOneJournalMustNameItsStep) {
    Diagnostics problems;
    EXPECT_FALSE(
        decode_journal("{\"format_version\":\"1.0\",\"operations\":[]}", "journal", problems));
}

}  // namespace
}  // namespace pmr::lifecycle
