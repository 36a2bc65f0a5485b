// One rule keeps every destroy from losing mail, in plan, apply and `pmreconcile destroy` (#13).
#include "core/lifecycle/destroy_guard.h"

#include <gtest/gtest.h>

#include "core/lifecycle/journal_codec.h"

namespace pmr::lifecycle {
namespace {

TEST(DestroyGuardTest, AnEmptyQueueIsNoReasonToRefuse) {
    EXPECT_TRUE(check_queue_empty(0).ok());
}

TEST(DestroyGuardTest, AQueueHoldingMailIsRefusedWithItsCount) {
    EXPECT_EQ(check_queue_empty(1).error(),
              "not destroyed: its queue holds 1 message; the instance is left as it is");
    EXPECT_EQ(check_queue_empty(12).error(),
              "not destroyed: its queue holds 12 messages; the instance is left as it is");
}

TEST(DestroyGuardTest, RefusalNamesTheInstanceAndItsDirectoryOnce) {
    EXPECT_EQ(destroy_refused_message("postfix-old", "/etc/postfix-old", "why"),
              "refused to destroy postfix-old (/etc/postfix-old): why");
    EXPECT_EQ(destroy_refused_message("/etc/postfix-x", "/etc/postfix-x", "why"),
              "refused to destroy /etc/postfix-x: why");
}

TEST(DestroyGuardTest, TheCheckComesBeforeEveryRemoval) {
    std::vector<Operation> operations{RequireStopped{"/etc/postfix-old"},
                                      RemoveFile{"/etc/postfix-old/main.cf"}};
    guard_destroy(operations,
                  RequireEmptyQueue{"/etc/postfix-old", "/var/spool/postfix-old", "postfix-old"});
    ASSERT_EQ(operations.size(), 3U);
    EXPECT_EQ(describe(operations.front()), "check that the queue of /etc/postfix-old is empty");
}

TEST(DestroyGuardTest, JournalKeepsTheLabelAndReadsAnOlderOneWithout) {
    const JournalEntry entry{
        "destroy postfix-old (/etc/postfix-old)",
        {RequireEmptyQueue{"/etc/postfix-old", "/var/spool/postfix-old", "postfix-old"}}};
    Diagnostics problems;
    auto read = decode_journal(encode_journal(entry), "journal", problems);
    ASSERT_TRUE(read) << (problems.empty() ? "" : problems.front().message);
    const auto& check = std::get<RequireEmptyQueue>(read->operations.at(0));
    EXPECT_EQ(check.instance, "postfix-old");
    EXPECT_EQ(check.queue_directory, "/var/spool/postfix-old");

    std::string older = encode_journal(entry);
    const std::string field = ",\"instance\":\"postfix-old\"";
    ASSERT_NE(older.find(field), std::string::npos) << older;
    older.erase(older.find(field), field.size());
    read = decode_journal(older, "journal", problems);
    ASSERT_TRUE(read);
    EXPECT_EQ(std::get<RequireEmptyQueue>(read->operations.at(0)).instance, "");
}

}  // namespace
}  // namespace pmr::lifecycle
