// The journal of an apply in progress is replayed by root: only a journal root wrote, in root's
// own state directory, may be read back (#5, #12).
#include "effects/apply_journal.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "temporary_directory.h"

namespace pmr::effects {
namespace {

constexpr uid_t other_user = 4242;  // any id not ours: chown to it needs root

lifecycle::JournalEntry sample_entry() {
    return {"create postfix-out (/etc/postfix-out)", {}};
}

TEST(ApplyJournalTest, WhatIsWrittenIsReadBackAndClearedAway) {
    testing::TemporaryDirectory temp;
    const StateFiles files{temp.path() + "/pmreconcile"};
    ASSERT_TRUE(write_journal(files, sample_entry()));
    auto read = read_journal(files);
    ASSERT_TRUE(read) << read.error();
    ASSERT_TRUE(read->has_value());
    EXPECT_EQ((*read)->step, sample_entry().step);
    EXPECT_TRUE((*read)->operations.empty());

    ASSERT_TRUE(clear_journal(files));
    read = read_journal(files);
    ASSERT_TRUE(read) << read.error();
    EXPECT_FALSE(read->has_value());
}

TEST(ApplyJournalTest, OwedWorkIsKeptAloneUntilNothingIsOwed) {
    testing::TemporaryDirectory temp;
    const StateFiles files{temp.path() + "/pmreconcile"};
    const std::vector<lifecycle::OwedWork> owed{{lifecycle::OwedKind::reload, "/etc/postfix-out"}};
    lifecycle::JournalEntry in_progress = sample_entry();
    in_progress.owed = owed;
    ASSERT_TRUE(write_journal(files, in_progress));
    ASSERT_TRUE(keep_owed_work(files, owed));  // the step returned: only the owed work stays
    auto read = read_journal(files);
    ASSERT_TRUE(read) << read.error();
    ASSERT_TRUE(read->has_value());
    EXPECT_FALSE((*read)->has_step());
    EXPECT_EQ((*read)->owed, owed);
    struct stat st {};
    ASSERT_EQ(::stat(files.journal().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0600U);

    ASSERT_TRUE(keep_owed_work(files, {}));  // the reload succeeded: nothing is left
    read = read_journal(files);
    ASSERT_TRUE(read) << read.error();
    EXPECT_FALSE(read->has_value());
}

TEST(ApplyJournalTest, JournalOfAnotherOwnerIsRefused) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "needs root to give files away";
    testing::TemporaryDirectory temp;
    const StateFiles files{temp.path() + "/pmreconcile"};
    ASSERT_TRUE(write_journal(files, sample_entry()));
    ASSERT_EQ(::chown(files.journal().c_str(), other_user, static_cast<gid_t>(-1)), 0);

    const auto read = read_journal(files);
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error(), files.journal() +
                                ": refusing a file not owned by root or writable by others "
                                "(owner uid 4242, mode 0600, 1 link)");
}

TEST(ApplyJournalTest, JournalOthersMayWriteIsRefused) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "the journal must be root's own";
    testing::TemporaryDirectory temp;
    const StateFiles files{temp.path() + "/pmreconcile"};
    ASSERT_TRUE(write_journal(files, sample_entry()));
    ASSERT_EQ(::chmod(files.journal().c_str(), 0620), 0);
    EXPECT_FALSE(read_journal(files));
}

TEST(ApplyJournalTest, SymbolicLinkInPlaceOfTheJournalIsNotFollowed) {
    testing::TemporaryDirectory temp;
    const StateFiles files{temp.path() + "/pmreconcile"};
    std::filesystem::create_directory(files.directory);
    std::ofstream(temp.path() + "/elsewhere.json") << "{}";
    std::filesystem::create_symlink(temp.path() + "/elsewhere.json", files.journal());

    const auto read = read_journal(files);
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error(),
              "open " + files.journal() + ": is a symbolic link, refusing to follow it");
}

}  // namespace
}  // namespace pmr::effects

namespace pmr::effects {
namespace {

TEST(ApplyJournalTest, FifoInPlaceOfTheJournalIsRefusedWithoutBlocking) {
    testing::TemporaryDirectory temp;
    const StateFiles files{temp.path() + "/pmreconcile"};
    std::filesystem::create_directory(files.directory);
    ASSERT_EQ(::mkfifo(files.journal().c_str(), 0600), 0);
    const auto read = read_journal(files);  // a blocking open would wait for a writer forever
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error(), "open " + files.journal() + ": not a regular file");
}

TEST(ApplyJournalTest, StateDirectoryOfAnotherOwnerIsNeitherReadNorWritten) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "needs root to give files away";
    testing::TemporaryDirectory temp;
    const StateFiles files{temp.path() + "/pmreconcile"};
    std::filesystem::create_directory(files.directory);
    ASSERT_EQ(::chown(files.directory.c_str(), 4242, static_cast<gid_t>(-1)), 0);
    EXPECT_FALSE(write_journal(files, sample_entry()));
    EXPECT_FALSE(read_journal(files));
    EXPECT_FALSE(std::filesystem::exists(files.journal()));
}

}  // namespace
}  // namespace pmr::effects
