// pmreconcile's state directory and run lock live in Postfix's data_directory, where
// `postfix check` warns about anything not owned by mail_owner: they take the owner of the
// directory above (bug fix, #3: every `postfix start` after a postmulti -e warned
// `not owned by postfix`).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "effects/directories.h"
#include "effects/run_lock.h"
#include "temporary_directory.h"

namespace pmr::effects {
namespace {

constexpr uid_t other_user = 4242;  // any id not ours: chown to it needs root

uid_t owner_of(const std::string& path) {
    struct stat st {};
    EXPECT_EQ(::lstat(path.c_str(), &st), 0) << path;
    return st.st_uid;
}

/// A data directory owned by another user, as /var/lib/postfix belongs to postfix.
std::string foreign_data_directory(const testing::TemporaryDirectory& temp) {
    const std::string data = temp.path() + "/data";
    std::filesystem::create_directory(data);
    EXPECT_EQ(::chown(data.c_str(), other_user, static_cast<gid_t>(-1)), 0);
    return data;
}

TEST(StateOwnershipTest, NewDirectoryTakesTheParentsOwner) {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root to give files away";
    testing::TemporaryDirectory temp;
    const std::string data = foreign_data_directory(temp);
    const auto owner = create_directory_owned_like_parent(data + "/pmreconcile", 0700);
    ASSERT_TRUE(owner) << owner.error();
    EXPECT_EQ(*owner, other_user);
    EXPECT_EQ(owner_of(data + "/pmreconcile"), other_user);
}

TEST(StateOwnershipTest, ExistingDirectoryOfAnotherOwnerIsGivenBack) {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root to give files away";
    testing::TemporaryDirectory temp;
    const std::string data = foreign_data_directory(temp);
    std::filesystem::create_directory(data + "/pmreconcile");  // root's, as older versions left it
    ASSERT_TRUE(create_directory_owned_like_parent(data + "/pmreconcile", 0700));
    EXPECT_EQ(owner_of(data + "/pmreconcile"), other_user);
}

TEST(StateOwnershipTest, SymbolicLinkIsRefusedNotFollowed) {
    testing::TemporaryDirectory temp;
    std::filesystem::create_directory(temp.path() + "/elsewhere");
    std::filesystem::create_directory_symlink(temp.path() + "/elsewhere", temp.path() + "/state");
    EXPECT_FALSE(create_directory_owned_like_parent(temp.path() + "/state", 0700));
}

TEST(StateOwnershipTest, RunLockFileAndDirectoryBelongToTheDataDirectorysOwner) {
    if (::geteuid() != 0) GTEST_SKIP() << "needs root to give files away";
    testing::TemporaryDirectory temp;
    const std::string data = foreign_data_directory(temp);
    const std::string lock_path = data + "/pmreconcile/lock";
    {
        auto lock = RunLock::acquire(lock_path, std::chrono::seconds(0), "test");
        ASSERT_TRUE(lock) << lock.error();
        EXPECT_EQ(owner_of(data + "/pmreconcile"), other_user);
        EXPECT_EQ(owner_of(lock_path), other_user);
    }
    // Taken again by root: still the owner's, and still a working lock.
    auto again = RunLock::acquire(lock_path, std::chrono::seconds(0), "test");
    ASSERT_TRUE(again) << again.error();
    EXPECT_EQ(owner_of(lock_path), other_user);
}

}  // namespace
}  // namespace pmr::effects
