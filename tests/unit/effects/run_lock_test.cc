// The run lock lives in root's own state directory, never in one of Postfix's (#12): it cannot
// be redirected, hard-linked or replaced with a FIFO, and whatever its record says is shown
// escaped.
#include "effects/run_lock.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>

#include "temporary_directory.h"

namespace pmr::effects {
namespace {

StateFiles files_in(const testing::TemporaryDirectory& temp) {
    return StateFiles{temp.path() + "/state"};
}

TEST(StateFilesTest, DirectoryIsNamedAfterThePrimarysConfigDirectory) {
    EXPECT_EQ(state_directory_name("/etc/postfix"), "etc-postfix");
    EXPECT_EQ(state_directory_name("/etc/postfix/"), "etc-postfix");
    EXPECT_EQ(state_directory_name("//etc/./postfix"), "etc-postfix");
    EXPECT_EQ(state_directory_name("/srv/mail-1"), "srv-mail%2d1");
    EXPECT_EQ(state_directory_name("/srv/a b/.."), "srv-a%20b-%2e.");
    EXPECT_EQ(state_directory_name("/"), "-");
    EXPECT_EQ(state_files_for("/etc/postfix").directory, "/var/lib/pmreconcile/etc-postfix");
    EXPECT_EQ(state_files_for("/etc/postfix").lock(), "/var/lib/pmreconcile/etc-postfix/lock");
}

TEST(RunLockTest, SecondHolderIsToldWhoHoldsIt) {
    testing::TemporaryDirectory temp;
    const StateFiles files = files_in(temp);
    auto first = RunLock::acquire(files, std::chrono::seconds(0), "pmreconcile apply -f a.yaml");
    ASSERT_TRUE(first) << first.error();
    struct stat st {};
    ASSERT_EQ(::stat(files.lock().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0600u);
    EXPECT_EQ(st.st_uid, ::geteuid());

    auto second = RunLock::acquire(files, std::chrono::seconds(0), "test");
    ASSERT_FALSE(second);
    EXPECT_TRUE(second.error().starts_with("another pmreconcile is running (pid " +
                                           std::to_string(::getpid()) +
                                           ": pmreconcile apply -f a.yaml, since "))
        << second.error();
    EXPECT_TRUE(second.error().ends_with("); waited 0 s for its lock " + files.lock() +
                                         " (see --lock-timeout)"))
        << second.error();
}

TEST(RunLockTest, HoldersRecordIsShownEscaped) {
    testing::TemporaryDirectory temp;
    const StateFiles files = files_in(temp);
    auto first = RunLock::acquire(files, std::chrono::seconds(0), "evil\x1b]0;owned\x07 \x1b[2J");
    ASSERT_TRUE(first) << first.error();
    auto second = RunLock::acquire(files, std::chrono::seconds(0), "test");
    ASSERT_FALSE(second);
    EXPECT_EQ(second.error().find('\x1b'), std::string::npos) << second.error();
    EXPECT_NE(second.error().find("evil\\x1b]0;owned\\x07 \\x1b[2J"), std::string::npos)
        << second.error();
}

TEST(RunLockTest, HardLinkedLockIsRefusedAndLeftAlone) {
    testing::TemporaryDirectory temp;
    const StateFiles files = files_in(temp);
    std::filesystem::create_directory(files.directory);
    const std::string precious = temp.path() + "/precious";
    std::ofstream(precious) << "keep me\n";
    ASSERT_EQ(::link(precious.c_str(), files.lock().c_str()), 0);
    auto lock = RunLock::acquire(files, std::chrono::seconds(0), "test");
    ASSERT_FALSE(lock);
    EXPECT_NE(lock.error().find("2 links"), std::string::npos) << lock.error();
    std::ifstream in(precious);
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, "keep me");
}

TEST(RunLockTest, FifoInPlaceOfTheLockIsRefusedWithoutBlocking) {
    testing::TemporaryDirectory temp;
    const StateFiles files = files_in(temp);
    std::filesystem::create_directory(files.directory);
    ASSERT_EQ(::mkfifo(files.lock().c_str(), 0600), 0);
    auto lock = RunLock::acquire(files, std::chrono::seconds(0), "test");
    ASSERT_FALSE(lock);
    EXPECT_NE(lock.error().find("refusing a lock that is not a regular file"), std::string::npos)
        << lock.error();
}

TEST(RunLockTest, RunningHolderIsNulloptWithoutALock) {
    testing::TemporaryDirectory temp;
    EXPECT_FALSE(running_holder(files_in(temp)));
}

}  // namespace
}  // namespace pmr::effects
