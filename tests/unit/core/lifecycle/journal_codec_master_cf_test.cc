#include <gtest/gtest.h>

#include "core/lifecycle/journal_codec.h"

namespace pmr::lifecycle {
namespace {

using mastercf::ServicePattern;

JournalEntry master_cf_entry(std::vector<mastercf::Edit> edits) {
    return JournalEntry{"configure postfix-out (/etc/postfix-out)",
                        {EditMasterCf{"/etc/postfix-out/master.cf", std::move(edits)},
                         RunPostfix{"/etc/postfix-out", lifecycle::PostfixCommand::reload}}};
}

TEST(JournalCodecMasterCfTest, EveryMasterCfEditModeIsReadBackAsWritten) {
    const std::vector<mastercf::Edit> edits{
        mastercf::RemoveService{ServicePattern{"smtp", "inet"}},
        mastercf::SetService{ServicePattern{"127.0.0.1:10026", "inet"},
                             "127.0.0.1:10026 inet n - n - - smtpd -o "
                             "content_filter= -o {smtpd_banner = a b}"},
        mastercf::CommentOutService{ServicePattern{"relay", "unix"}},
        mastercf::SetField{ServicePattern{"pickup", "unix"}, mastercf::Field::wakeup, "30"},
        mastercf::SetParameter{ServicePattern{"smtp", "unix"}, "smtp_bind_address", "10.0.0.1"},
        mastercf::RemoveParameter{ServicePattern{"smtp", "unix"}, "syslog_name"}};
    const JournalEntry entry = master_cf_entry(edits);
    Diagnostics problems;
    const auto read = decode_journal(encode_journal(entry), "journal", problems);
    ASSERT_TRUE(read) << (problems.empty() ? "" : problems.front().to_string());
    ASSERT_EQ(read->operations.size(), 2u);
    const auto& edit = std::get<EditMasterCf>(read->operations[0]);
    EXPECT_EQ(edit.path, "/etc/postfix-out/master.cf");
    EXPECT_EQ(edit.edits, edits);
    EXPECT_EQ(encode_journal(*read), encode_journal(entry));
}

TEST(JournalCodecMasterCfTest, AMasterCfEditNeedsFormatOneTwo) {
    const std::string text =
        encode_journal(master_cf_entry({mastercf::RemoveService{ServicePattern{"smtp", "inet"}}}));
    EXPECT_NE(text.find("\"format_version\":\"1.2\""), std::string::npos) << text;
    EXPECT_NE(text.find("\"op\":\"edit_master_cf\""), std::string::npos) << text;
    EXPECT_NE(text.find("\"mode\":\"remove_service\",\"request\":\"smtp/inet\""), std::string::npos)
        << text;
}

TEST(JournalCodecMasterCfTest, AnUnknownModeIsRefused) {
    std::string text =
        encode_journal(master_cf_entry({mastercf::RemoveService{ServicePattern{"smtp", "inet"}}}));
    text.replace(text.find("remove_service"), 14, "rename_service");
    Diagnostics problems;
    EXPECT_FALSE(decode_journal(text, "journal", problems));
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].message.find("unknown master.cf edit mode 'rename_service'"),
              std::string::npos)
        << problems[0].message;
}

TEST(JournalCodecMasterCfTest, ARequestPostconfWouldRefuseIsRefused) {
    std::string text =
        encode_journal(master_cf_entry({mastercf::RemoveService{ServicePattern{"smtp", "inet"}}}));
    text.replace(text.find("\"smtp/inet\""), 11, "\"smtp\"");
    Diagnostics problems;
    EXPECT_FALSE(decode_journal(text, "journal", problems));
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].message.find("damaged apply journal: bad master.cf edit"),
              std::string::npos)
        << problems[0].message;
}

TEST(JournalCodecMasterCfTest, AnUnknownOperationIsStillRefused) {
    std::string text =
        encode_journal(master_cf_entry({mastercf::RemoveService{ServicePattern{"smtp", "inet"}}}));
    text.replace(text.find("edit_master_cf"), 14, "edit_master_xx");
    Diagnostics problems;
    EXPECT_FALSE(decode_journal(text, "journal", problems));
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_NE(problems[0].message.find("unknown operation 'edit_master_xx'"), std::string::npos);
}

}  // namespace
}  // namespace pmr::lifecycle
