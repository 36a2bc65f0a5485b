#include "effects/postfix_files_loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "temporary_directory.h"

namespace pmr::effects {
namespace {

namespace fs = std::filesystem;

void write_file(const std::string& path, const std::string& text) {
    std::ofstream(path) << text;
}

TEST(PostfixFilesLoaderTest, ReadsPostfixFilesThenTheDropInsSortedBytewise) {
    testing::TemporaryDirectory temp;
    const std::string meta = temp.path();
    fs::create_directories(meta + "/postfix-files.d/sub");
    write_file(meta + "/postfix-files", "$config_directory:d:root:-:755:u\n");
    write_file(meta + "/postfix-files.d/b", "$queue_directory/b:d:root:-:755:c\n");
    write_file(meta + "/postfix-files.d/B", "$queue_directory/B:d:root:-:755:c\n");
    write_file(meta + "/postfix-files.d/sub/a", "$queue_directory/sub-a:d:root:-:755:c\n");
    write_file(meta + "/elsewhere", "$queue_directory/linked:d:root:-:755:c\n");
    fs::create_symlink(meta + "/elsewhere", meta + "/postfix-files.d/link");

    const auto loaded = load_postfix_files(meta);
    ASSERT_TRUE(loaded.ok()) << loaded.error();
    std::vector<std::string> paths;
    for (const auto& entry : loaded->entries)
        paths.push_back(entry.path);
    EXPECT_EQ(paths, (std::vector<std::string>{"$config_directory", "$queue_directory/B",
                                               "$queue_directory/b", "$queue_directory/sub-a"}));
    EXPECT_EQ(loaded->entries[3].origin, meta + "/postfix-files.d/sub/a");
}

TEST(PostfixFilesLoaderTest, DiagnosticsNameTheFileTheyCameFrom) {
    testing::TemporaryDirectory temp;
    const std::string meta = temp.path();
    write_file(meta + "/postfix-files", "$config_directory:d:root:-:755:u\n$x:z\n");
    const auto loaded = load_postfix_files(meta);
    ASSERT_TRUE(loaded.ok()) << loaded.error();
    ASSERT_EQ(loaded->diagnostics.size(), 1u);
    EXPECT_EQ(loaded->diagnostics[0].to_string(),
              meta + "/postfix-files:2: unknown file type 'z' (expected d, f, h or l)");
}

TEST(PostfixFilesLoaderTest, AMissingPostfixFilesIsAFailure) {
    testing::TemporaryDirectory temp;
    const auto loaded = load_postfix_files(temp.path());
    ASSERT_FALSE(loaded.ok());
    EXPECT_EQ(loaded.error(), "open " + temp.path() + "/postfix-files: No such file or directory");
}

}  // namespace
}  // namespace pmr::effects
