// Reading the files pmreconcile trusts: whole, without following symbolic links, and refusing
// what others could have written (#5).
#include "effects/read_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "temporary_directory.h"

namespace pmr::effects {
namespace {

std::string write(const testing::TemporaryDirectory& temp, const std::string& name,
                  const std::string& content) {
    const std::string path = temp.path() + "/" + name;
    std::ofstream(path, std::ios::binary) << content;
    return path;
}

TEST(ReadFileTest, ReadsTheWholeFile) {
    testing::TemporaryDirectory temp;
    const std::string big(200000, 'x');  // more than one read's worth of a pipe, not of a file
    const auto read = read_file(write(temp, "big", big));
    ASSERT_TRUE(read) << read.error();
    EXPECT_EQ(*read, big);
    const auto empty = read_file(write(temp, "empty", ""));
    ASSERT_TRUE(empty) << empty.error();
    EXPECT_EQ(*empty, "");
}

TEST(ReadFileTest, LargerThanTheLimitIsRefused) {
    testing::TemporaryDirectory temp;
    const auto read = read_file(write(temp, "f", std::string(100, 'x')), Symlinks::refuse, 99);
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error(), "read " + temp.path() + "/f: file too large (100 bytes)");
}

TEST(ReadFileTest, MissingConfigurationFileIsNoneNotAnError) {
    testing::TemporaryDirectory temp;
    const auto missing = read_config_file_if_exists(temp.path() + "/main.cf");
    ASSERT_TRUE(missing) << missing.error();
    EXPECT_FALSE(missing->has_value());

    const auto present = read_config_file_if_exists(write(temp, "main.cf", "a = 1\n"));
    ASSERT_TRUE(present) << present.error();
    EXPECT_EQ(**present, "a = 1\n");
}

TEST(ReadFileTest, WorldWritableOrLinkedConfigurationFileIsRefused) {
    testing::TemporaryDirectory temp;
    const std::string path = write(temp, "main.cf", "a = 1\n");
    ASSERT_EQ(::chmod(path.c_str(), 0666), 0);
    const auto writable = read_config_file_if_exists(path);
    ASSERT_FALSE(writable);
    EXPECT_EQ(writable.error(), path + ": refusing a world-writable main.cf");

    std::filesystem::create_symlink(path, temp.path() + "/link.cf");
    const auto linked = read_config_file_if_exists(temp.path() + "/link.cf");
    ASSERT_FALSE(linked);
    EXPECT_EQ(linked.error(),
              "open " + temp.path() + "/link.cf: is a symbolic link, refusing to follow it");
}

}  // namespace
}  // namespace pmr::effects
