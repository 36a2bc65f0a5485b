// root's own state (run lock, journal) lives where nobody else can plant, swap or hold anything
// (#12): the directory and everything on the way to it are verified on their descriptors, and
// files in it are trusted only when they are regular files of ours with one link.
#include "effects/private_directory.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "temporary_directory.h"

namespace pmr::effects {
namespace {

constexpr uid_t other_user = 4242;  // any id not ours: chown to it needs root

UniqueFd open_new(const std::string& path) {
    auto dir = open_private_directory(path, Create::yes, 0755);
    EXPECT_TRUE(dir) << dir.error();
    return dir && *dir ? std::move(**dir) : UniqueFd();
}

TEST(PrivateDirectoryTest, IsCreatedWithEveryMissingComponent) {
    testing::TemporaryDirectory temp;
    const UniqueFd dir = open_new(temp.path() + "/a/b");
    ASSERT_TRUE(dir.valid());
    struct stat st {};
    ASSERT_EQ(::stat((temp.path() + "/a/b").c_str(), &st), 0);
    EXPECT_TRUE(S_ISDIR(st.st_mode));
    EXPECT_EQ(st.st_uid, ::geteuid());
}

TEST(PrivateDirectoryTest, MissingIsNulloptWithoutCreate) {
    testing::TemporaryDirectory temp;
    auto dir = open_private_directory(temp.path() + "/missing/state", Create::no, 0755);
    ASSERT_TRUE(dir) << dir.error();
    EXPECT_FALSE(dir->has_value());
}

TEST(PrivateDirectoryTest, SymbolicLinkOnTheWayIsRefused) {
    testing::TemporaryDirectory temp;
    std::filesystem::create_directory(temp.path() + "/elsewhere");
    std::filesystem::create_directory_symlink(temp.path() + "/elsewhere", temp.path() + "/link");
    auto dir = open_private_directory(temp.path() + "/link/state", Create::yes, 0755);
    ASSERT_FALSE(dir);
    EXPECT_EQ(dir.error(), "open " + temp.path() + "/link: is a symbolic link, not followed");
    EXPECT_FALSE(std::filesystem::exists(temp.path() + "/elsewhere/state"));
}

TEST(PrivateDirectoryTest, DirectoryOthersMayWriteIsRefused) {
    testing::TemporaryDirectory temp;
    const std::string path = temp.path() + "/state";
    std::filesystem::create_directory(path);
    ASSERT_EQ(::chmod(path.c_str(), 0777), 0);
    auto dir = open_private_directory(path, Create::yes, 0755);
    ASSERT_FALSE(dir);
    EXPECT_EQ(dir.error(), path +
                               ": refusing a directory not owned by root or writable by others "
                               "(owner uid " +
                               std::to_string(::geteuid()) + ", mode 0777, 2 links)");
}

TEST(PrivateDirectoryTest, AncestorOfAnotherOwnerIsRefused) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "needs root to give files away";
    testing::TemporaryDirectory temp;
    const std::string data = temp.path() + "/data";  // as /var/lib/postfix belongs to postfix
    std::filesystem::create_directory(data);
    ASSERT_EQ(::chown(data.c_str(), other_user, static_cast<gid_t>(-1)), 0);
    auto dir = open_private_directory(data + "/pmreconcile", Create::yes, 0755);
    ASSERT_FALSE(dir);
    EXPECT_TRUE(dir.error().starts_with(data + ": refusing a directory not owned by root"))
        << dir.error();
    EXPECT_FALSE(std::filesystem::exists(data + "/pmreconcile"));
}

TEST(PrivateDirectoryTest, FileIsReadAndReplaced) {
    testing::TemporaryDirectory temp;
    const UniqueFd dir = open_new(temp.path() + "/state");
    const std::string path = temp.path() + "/state/f";
    ASSERT_TRUE(replace_private_file(dir.get(), "f", path, "one\n", 0600));
    ASSERT_TRUE(replace_private_file(dir.get(), "f", path, "two\n", 0600));
    auto text = read_private_file(dir.get(), "f", path);
    ASSERT_TRUE(text) << text.error();
    EXPECT_EQ(text->value(), "two\n");
    EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
    ASSERT_TRUE(remove_private_file(dir.get(), "f", path));
    text = read_private_file(dir.get(), "f", path);
    ASSERT_TRUE(text) << text.error();
    EXPECT_FALSE(text->has_value());
}

TEST(PrivateDirectoryTest, FifoIsRefusedWithoutBlocking) {
    testing::TemporaryDirectory temp;
    const UniqueFd dir = open_new(temp.path() + "/state");
    const std::string path = temp.path() + "/state/f";
    ASSERT_EQ(::mkfifo(path.c_str(), 0600), 0);
    auto text = read_private_file(dir.get(), "f", path);  // would hang forever with a blocking open
    ASSERT_FALSE(text);
    EXPECT_EQ(text.error(), "open " + path + ": not a regular file");
}

TEST(PrivateDirectoryTest, HardLinkedFileIsRefused) {
    testing::TemporaryDirectory temp;
    const UniqueFd dir = open_new(temp.path() + "/state");
    std::ofstream(temp.path() + "/precious") << "secret\n";
    ASSERT_EQ(::link((temp.path() + "/precious").c_str(), (temp.path() + "/state/f").c_str()), 0);
    auto text = read_private_file(dir.get(), "f", temp.path() + "/state/f");
    ASSERT_FALSE(text);
    EXPECT_NE(text.error().find("2 links)"), std::string::npos) << text.error();
}

TEST(PrivateDirectoryTest, LeftoverTemporaryIsReplacedNotReused) {
    testing::TemporaryDirectory temp;
    const UniqueFd dir = open_new(temp.path() + "/state");
    const std::string path = temp.path() + "/state/f";
    ASSERT_EQ(::mkfifo((path + ".tmp").c_str(), 0600), 0);  // a crash's leftover, of any kind
    ASSERT_TRUE(replace_private_file(dir.get(), "f", path, "new\n", 0600));
    auto text = read_private_file(dir.get(), "f", path);
    ASSERT_TRUE(text) << text.error();
    EXPECT_EQ(text->value(), "new\n");
}

}  // namespace
}  // namespace pmr::effects
