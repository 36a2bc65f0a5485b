#include "core/lifecycle/journal_codec.h"

#include <gtest/gtest.h>

#include <algorithm>

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

/// One operation of every kind, each field set to something other than its default.
std::vector<Operation> one_of_each_kind() {
    return {EditMainCf{"/etc/postfix/main.cf",
                       {{EditKind::set, "a", "1"}, {EditKind::remove, "b", ""}}},
            CreateDirectories{"/var/spool/postfix-out", 0700},
            InstallFile{"/etc/postfix-out/master.cf", "smtp inet n - y - - smtpd\n", 0640},
            BuildQueueTree{"/etc/postfix-out"},
            RequireStopped{"/etc/postfix-out", "/var/spool/postfix-out"},
            RemoveQueueTree{"/var/spool/postfix-out", "/var/lib/postfix-out"},
            RemoveFile{"/var/lib/postfix-out/master.lock"},
            RemoveDirectory{"/etc/postfix-out"},
            RunPostfix{"/etc/postfix-out", PostfixCommand::reload},
            RunPostfix{"/etc/postfix-out", PostfixCommand::stop},
            RunPostfix{"/etc/postfix-out", PostfixCommand::start, "postfix-out",
                       "/var/spool/postfix-out"},
            RunPostfix{"/etc/postfix", PostfixCommand::start, "-"},
            RequireEmptyQueue{"/etc/postfix-out", "/var/spool/postfix-out", "postfix-out"},
            EditMasterCf{"/etc/postfix-out/master.cf",
                         {mastercf::RemoveService{mastercf::ServicePattern{"smtp", "inet"}},
                          mastercf::SetField{mastercf::ServicePattern{"pickup", "unix"},
                                             mastercf::Field::wakeup, "30"}}}};
}

TEST(JournalCodecTest, EveryOperationKindIsReadBackAsWritten) {
    const JournalEntry entry{"destroy postfix-out (/etc/postfix-out)", one_of_each_kind()};
    std::vector<bool> kinds(std::variant_size_v<Operation>);
    for (const Operation& operation : entry.operations)
        kinds.at(operation.index()) = true;
    EXPECT_EQ(std::ranges::count(kinds, false), 0) << "an operation kind is not round-tripped";

    Diagnostics problems;
    const auto read = decode_journal(encode_journal(entry), "journal", problems);
    ASSERT_TRUE(read) << (problems.empty() ? "" : problems.front().message);
    EXPECT_EQ(read->step, entry.step);
    ASSERT_EQ(read->operations.size(), entry.operations.size());
    for (std::size_t k = 0; k < entry.operations.size(); ++k) {
        EXPECT_EQ(read->operations[k], entry.operations[k]) << describe(entry.operations[k]);
    }
}

TEST(JournalCodecTest, AnOlderJournalsOperationsWithoutTheNewerFieldsAreRead) {
    const std::string text =
        "{\"format_version\":\"1.0\",\"step\":\"destroy postfix-out\",\"operations\":["
        "{\"op\":\"require_stopped\",\"config_directory\":\"/etc/postfix-out\"},"
        "{\"op\":\"require_empty_queue\",\"config_directory\":\"/etc/postfix-out\","
        "\"queue_directory\":\"/var/spool/postfix-out\"}]}";
    Diagnostics problems;
    const auto read = decode_journal(text, "journal", problems);
    ASSERT_TRUE(read) << (problems.empty() ? "" : problems.front().message);
    EXPECT_EQ(read->operations,
              (std::vector<Operation>{
                  RequireStopped{"/etc/postfix-out", ""},
                  RequireEmptyQueue{"/etc/postfix-out", "/var/spool/postfix-out", ""}}));
}

/// decode_journal()'s one problem with `text`, whose `from` is replaced by `to`.
std::string refusal_of(std::string text, std::string_view from, std::string_view to) {
    const std::size_t at = text.find(from);
    if (at == std::string::npos)
        return "not found: " + std::string(from);
    text.replace(at, from.size(), to);
    Diagnostics problems;
    if (decode_journal(text, "journal", problems) || problems.size() != 1)
        return "not refused once";
    return problems.front().message;
}

TEST(JournalCodecTest, AnUnknownOperationOrPostfixCommandIsRefused) {
    const std::string text = encode_journal(JournalEntry{"reload", one_of_each_kind()});
    EXPECT_NE(refusal_of(text, "\"op\":\"remove_file\"", "\"op\":\"shred_file\"")
                  .find("damaged apply journal: unknown operation 'shred_file'"),
              std::string::npos);
    EXPECT_NE(refusal_of(text, "\"command\":\"reload\"", "\"command\":\"flush\"")
                  .find("damaged apply journal: unknown postfix command 'flush'"),
              std::string::npos);
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
    text.replace(text.find(kind), kind.size(), "\"kind\":\"resume\"");
    Diagnostics problems;
    EXPECT_FALSE(decode_journal(text, "/var/lib/pmreconcile/x/journal.json", problems));
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_NE(problems.front().message.find("damaged apply journal: unknown owed work kind "
                                            "'resume'"),
              std::string::npos)
        << problems.front().message;
}

TEST(JournalCodecTest, AnOwedRestartIsReadBackAsARestart) {
    const JournalEntry entry{"", {}, {{OwedKind::restart, "/etc/postfix-out"}, owed_out}};
    Diagnostics problems;
    const auto read = decode_journal(encode_journal(entry), "journal", problems);
    ASSERT_TRUE(read) << (problems.empty() ? "" : problems.front().message);
    EXPECT_EQ(read->owed, entry.owed);
}

TEST(JournalCodecTest, WithoutOwedWorkTheEncodingIsAsBefore) {
    // What pmreconcile wrote before owed work existed, byte for byte: old journals still read,
    // and step digests (operations_digest) do not move.
    const JournalEntry entry{"reload postfix-out (/etc/postfix-out)",
                             {RunPostfix{"/etc/postfix-out", PostfixCommand::reload}}};
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
