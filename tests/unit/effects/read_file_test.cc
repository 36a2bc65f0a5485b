// Reading the files pmreconcile trusts: whole, without following symbolic links, and refusing
// what others could have written (#5).
#include "effects/read_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

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

/// A pipe whose write end a thread fills with `content`, then closes; returns the read end's
/// /dev/fd path, as bash's `<(...)` gives.
struct Pipe {
    int fds[2] = {-1, -1};
    std::thread writer;
    explicit Pipe(std::string content) {
        EXPECT_EQ(::pipe(fds), 0);
        writer = std::thread([fd = fds[1], content = std::move(content)] {
            std::size_t done = 0;
            while (done < content.size()) {
                const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
                if (n <= 0)
                    break;  // the reader stopped: the limit was reached
                done += static_cast<std::size_t>(n);
            }
            ::close(fd);
        });
    }
    ~Pipe() {
        ::close(fds[0]);
        writer.join();
    }
    std::string path() const { return "/dev/fd/" + std::to_string(fds[0]); }
};

TEST(ReadManifestInputTest, APipeIsReadToItsEnd) {
    // Not `not a regular file` (#14): `-f <(generate)` is the administrator's choice.
    const std::string text(300000, 'y');
    Pipe pipe(text);
    const auto read = read_manifest_input(pipe.path(), 1u << 20);
    ASSERT_TRUE(read) << read.error();
    EXPECT_EQ(*read, text);
}

TEST(ReadManifestInputTest, APipeLargerThanTheLimitIsRefusedWhileReading) {
    ::signal(SIGPIPE, SIG_IGN);
    Pipe pipe(std::string(200000, 'y'));
    const auto read = read_manifest_input(pipe.path(), 100000);
    ASSERT_FALSE(read);
    EXPECT_EQ(read.error(), "read " + pipe.path() + ": more than 100000 bytes");
}

TEST(ReadManifestInputTest, ARegularFileAsReadFileReadsIt) {
    testing::TemporaryDirectory temp;
    const auto read = read_manifest_input(write(temp, "m.yaml", "version: 1\n"), 100);
    ASSERT_TRUE(read) << read.error();
    EXPECT_EQ(*read, "version: 1\n");
    const auto big = read_manifest_input(write(temp, "big.yaml", std::string(101, 'x')), 100);
    ASSERT_FALSE(big);
    EXPECT_EQ(big.error(), "read " + temp.path() + "/big.yaml: file too large (101 bytes)");
    const auto directory = read_manifest_input(temp.path(), 100);
    ASSERT_FALSE(directory);
    EXPECT_EQ(directory.error(), "open " + temp.path() + ": not a regular file");
}

TEST(ReadManifestInputTest, StandardInputIsNamedSo) {
    EXPECT_EQ(manifest_input_name("-"), "<stdin>");
    EXPECT_EQ(manifest_input_name("m.yaml"), "m.yaml");
}

}  // namespace
}  // namespace pmr::effects
