// The `postconf -d` cache: kept for as long as what postconf derives its defaults from stays the
// same, and only trusted as root's own file (#3).
#include "effects/defaults_cache.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "temporary_directory.h"

namespace pmr::effects {
namespace {

/// A stand-in for the postconf binary: the cache is keyed on its identity.
std::string fake_postconf(const testing::TemporaryDirectory& temp) {
    const std::string path = temp.path() + "/postconf";
    std::ofstream(path) << "#!/bin/sh\n";
    return path;
}

TEST(DefaultsCacheTest, OutputIsKeptAcrossRuns) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "only root writes the cache";
    testing::TemporaryDirectory temp;
    const DefaultsCache cache(temp.path() + "/cache/postconf-defaults", fake_postconf(temp));
    EXPECT_FALSE(cache.read());
    cache.write("alias_maps = hash:/etc/aliases\n");
    const auto read = cache.read();
    ASSERT_TRUE(read);
    EXPECT_EQ(*read, "alias_maps = hash:/etc/aliases\n");
}

TEST(DefaultsCacheTest, AnotherPostconfBinaryInvalidatesIt) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "only root writes the cache";
    testing::TemporaryDirectory temp;
    const std::string postconf = fake_postconf(temp);
    const std::string path = temp.path() + "/cache/postconf-defaults";
    DefaultsCache(path, postconf).write("a = 1\n");
    std::ofstream(postconf, std::ios::app) << "# upgraded\n";  // size and times change
    EXPECT_FALSE(DefaultsCache(path, postconf).read());
}

TEST(DefaultsCacheTest, OutputCutShortIsNotTrusted) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "only root writes the cache";
    testing::TemporaryDirectory temp;
    const std::string path = temp.path() + "/cache/postconf-defaults";
    const DefaultsCache cache(path, fake_postconf(temp));
    cache.write("a = 1\nb = 2\n");
    std::filesystem::resize_file(path, std::filesystem::file_size(path) - 3);  // a crash's cut
    EXPECT_FALSE(cache.read());
}

TEST(DefaultsCacheTest, FileOthersMayWriteIsNotTrusted) {
    if (::geteuid() != 0)
        GTEST_SKIP() << "only root writes the cache";
    testing::TemporaryDirectory temp;
    const std::string path = temp.path() + "/cache/postconf-defaults";
    const DefaultsCache cache(path, fake_postconf(temp));
    cache.write("a = 1\n");
    ASSERT_EQ(::chmod(path.c_str(), 0666), 0);
    EXPECT_FALSE(cache.read());
}

}  // namespace
}  // namespace pmr::effects
