// Files the administrator names (--out, -o, --prometheus) are written without ever opening what
// is already there (#12): nothing planted by another user can hang the write or redirect it.
#include "effects/output_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "temporary_directory.h"

namespace pmr::effects {
namespace {

std::string contents(const std::string& path) {
    std::ifstream in(path);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

std::size_t entries(const std::string& directory) {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(directory))
        ++count;
    return count;
}

TEST(OutputFileTest, WritesAndReplacesWithTheMode) {
    testing::TemporaryDirectory temp;
    const std::string path = temp.path() + "/metrics.prom";
    ASSERT_TRUE(write_output_file(path, "one\n", 0644));
    ASSERT_TRUE(write_output_file(path, "two\n", 0640));
    EXPECT_EQ(contents(path), "two\n");
    struct stat st {};
    ASSERT_EQ(::stat(path.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0640u);
    EXPECT_EQ(entries(temp.path()), 1u);  // no temporary left behind
}

TEST(OutputFileTest, FifoAndHeldLockAtTheNameDoNotBlock) {
    testing::TemporaryDirectory temp;
    const std::string path = temp.path() + "/metrics.prom";
    ASSERT_EQ(::mkfifo(path.c_str(), 0666), 0);
    ASSERT_TRUE(write_output_file(path, "fresh\n", 0644));  // replaced, never opened
    EXPECT_EQ(contents(path), "fresh\n");
    const int held = ::open(path.c_str(), O_RDONLY);
    ASSERT_GE(held, 0);
    ASSERT_EQ(::flock(held, LOCK_EX), 0);
    EXPECT_TRUE(write_output_file(path, "again\n", 0644));
    ::close(held);
    EXPECT_EQ(contents(path), "again\n");
}

TEST(OutputFileTest, SymbolicLinkAtTheNameIsReplacedNotFollowed) {
    testing::TemporaryDirectory temp;
    const std::string target = temp.path() + "/precious";
    std::ofstream(target) << "keep\n";
    const std::string path = temp.path() + "/metrics.prom";
    std::filesystem::create_symlink(target, path);
    ASSERT_TRUE(write_output_file(path, "metrics\n", 0644));
    EXPECT_EQ(contents(target), "keep\n");
    EXPECT_FALSE(std::filesystem::is_symlink(path));
    EXPECT_EQ(contents(path), "metrics\n");
}

TEST(OutputFileTest, OwnSymbolicLinkOnTheWayIsFollowed) {
    testing::TemporaryDirectory temp;
    std::filesystem::create_directory(temp.path() + "/real");
    std::filesystem::create_directory_symlink("real", temp.path() + "/link");
    ASSERT_TRUE(write_output_file(temp.path() + "/link/plan.json", "{}\n", 0600));
    EXPECT_EQ(contents(temp.path() + "/real/plan.json"), "{}\n");
}

TEST(OutputFileTest, SymbolicLinkOfAnotherUserOnTheWayIsRefused) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "needs root to give files away";
    testing::TemporaryDirectory temp;
    const std::string shared = temp.path() + "/textfile";  // as node_exporter's, not root's
    std::filesystem::create_directory(shared);
    ASSERT_EQ(::chown(shared.c_str(), 4242, 4242), 0);
    std::filesystem::create_directory(temp.path() + "/cron.d");
    std::filesystem::create_directory_symlink(temp.path() + "/cron.d", shared + "/sub");
    ASSERT_EQ(::lchown((shared + "/sub").c_str(), 4242, 4242), 0);
    const auto written = write_output_file(shared + "/sub/metrics.prom", "x\n", 0644);
    ASSERT_FALSE(written);
    EXPECT_EQ(written.error(), "open " + shared +
                                   "/sub/: a symbolic link on the way (sub) could "
                                   "have been placed by another user; not followed");
    EXPECT_EQ(entries(temp.path() + "/cron.d"), 0u);
}

TEST(OutputFileTest, RelativePathStartsAtTheWorkingDirectory) {
    testing::TemporaryDirectory temp;
    const auto previous = std::filesystem::current_path();
    std::filesystem::current_path(temp.path());
    const Status written = write_output_file("plan.json", "{}\n", 0600);
    std::filesystem::current_path(previous);
    ASSERT_TRUE(written) << written.error();
    EXPECT_EQ(contents(temp.path() + "/plan.json"), "{}\n");
}

}  // namespace
}  // namespace pmr::effects
