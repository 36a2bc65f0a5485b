// create_directories(): `mkdir -p` that never follows a symbolic link, its failures worded with
// the errno mkdir -p reports (postmulti's front end prints them as mkdir does, #14).
#include "effects/directories.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "temporary_directory.h"

namespace pmr::effects {
namespace {

TEST(CreateDirectoriesTest, MakesEveryMissingComponent) {
    pmr::testing::TemporaryDirectory temp;
    const std::string path = temp.path() + "/a/b/c";
    const Status made = create_directories(path, 0755);
    ASSERT_TRUE(made) << made.error();
    EXPECT_TRUE(std::filesystem::is_directory(path));
    EXPECT_TRUE(create_directories(path, 0755));  // existing directories are fine
}

TEST(CreateDirectoriesTest, AFileAsTheLastComponentExists) {
    pmr::testing::TemporaryDirectory temp;
    const std::string file = temp.path() + "/queue";
    std::ofstream(file) << "";
    const Status made = create_directories(file, 0755);
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error(), "mkdir " + file + ": File exists");
}

TEST(CreateDirectoriesTest, AFileOnTheWayIsNotADirectory) {
    pmr::testing::TemporaryDirectory temp;
    const std::string file = temp.path() + "/queue";
    std::ofstream(file) << "";
    const Status made = create_directories(file + "/sub/dir", 0755);
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error(), "mkdir " + file + ": Not a directory");
}

TEST(CreateDirectoriesTest, ASymbolicLinkIsNotFollowed) {
    pmr::testing::TemporaryDirectory temp;
    std::filesystem::create_directory(temp.path() + "/real");
    std::filesystem::create_directory_symlink(temp.path() + "/real", temp.path() + "/link");
    const Status made = create_directories(temp.path() + "/link/sub", 0755);
    ASSERT_FALSE(made);
    EXPECT_EQ(made.error(), "mkdir " + temp.path() + "/link: is a symbolic link, not followed");
    EXPECT_FALSE(std::filesystem::exists(temp.path() + "/real/sub"));
}

}  // namespace
}  // namespace pmr::effects
