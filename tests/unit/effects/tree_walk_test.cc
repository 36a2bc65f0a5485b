#include "effects/tree_walk.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>

#include "effects/nofollow_path.h"
#include "temporary_directory.h"

namespace pmr::effects {
namespace {

namespace fs = std::filesystem;

/// A chain of `levels` directories named `name` below `root`, made relative to descriptors so
/// that no path grows long; returns the deepest one's path.
std::string make_chain(const std::string& root, std::size_t levels, const std::string& name = "d") {
    UniqueFd dir(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    std::string path = root;
    for (std::size_t i = 0; i < levels; ++i) {
        EXPECT_EQ(::mkdirat(dir.get(), name.c_str(), 0755), 0);
        dir = UniqueFd(::openat(dir.get(), name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        path += "/" + name;
    }
    return path;
}

/// `d/d/.../d` with `levels` components below `root`.
std::string chain_path(const std::string& root, std::size_t levels) {
    std::string path = root;
    for (std::size_t i = 0; i < levels; ++i)
        path += "/d";
    return path;
}

std::size_t open_descriptors() {
    std::size_t count = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator("/proc/self/fd"))
        ++count;
    return count;
}

/// What a walk saw: each path with `d` (an open directory) or `-` (anything else).
struct Seen {
    std::vector<std::string> paths;
    std::map<std::string, char> kinds;
};

Status walk(const std::string& root, Seen& seen, bool* too_deep = nullptr) {
    UniqueFd dir(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    return walk_below(
        dir.get(), root,
        [&seen](const WalkEntry& entry) {
            seen.paths.push_back(entry.path);
            seen.kinds[entry.path] = entry.fd >= 0 ? 'd' : '-';
            return ok_status();
        },
        too_deep);
}

TEST(TreeWalkTest, VisitsEverythingBelowEachDirectoryBeforeItsContents) {
    testing::TemporaryDirectory temp;
    const std::string root = temp.path();
    fs::create_directories(root + "/A/B");
    fs::create_directories(root + "/C");
    std::ofstream(root + "/A/B/file") << "x";
    std::ofstream(root + "/top") << "x";
    ::mkfifo((root + "/C/fifo").c_str(), 0600);

    Seen seen;
    ASSERT_TRUE(walk(root, seen).ok());
    EXPECT_EQ(seen.kinds, (std::map<std::string, char>{{root + "/A", 'd'},
                                                       {root + "/A/B", 'd'},
                                                       {root + "/A/B/file", '-'},
                                                       {root + "/C", 'd'},
                                                       {root + "/C/fifo", '-'},
                                                       {root + "/top", '-'}}));
    const auto position = [&seen](const std::string& path) {
        return std::ranges::find(seen.paths, path) - seen.paths.begin();
    };
    EXPECT_LT(position(root + "/A"), position(root + "/A/B"));
    EXPECT_LT(position(root + "/A/B"), position(root + "/A/B/file"));
    EXPECT_LT(position(root + "/C"), position(root + "/C/fifo"));
}

TEST(TreeWalkTest, CanVisitDirectoriesOnly) {
    testing::TemporaryDirectory temp;
    const std::string root = temp.path();
    fs::create_directories(root + "/A/B");
    std::ofstream(root + "/A/file") << "x";
    fs::create_directory_symlink(root + "/A", root + "/link");
    UniqueFd dir(::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    std::vector<std::string> seen;
    ASSERT_TRUE(walk_below(
                    dir.get(), root,
                    [&seen](const WalkEntry& entry) {
                        EXPECT_GE(entry.fd, 0);
                        seen.push_back(entry.path);
                        return ok_status();
                    },
                    nullptr, WalkEntries::directories)
                    .ok());
    EXPECT_EQ(seen, (std::vector<std::string>{root + "/A", root + "/A/B"}));

    make_chain(root + "/A/B", max_walk_depth - 1);
    bool too_deep = false;
    const Status status = walk_below(
        dir.get(), root, [](const WalkEntry&) { return ok_status(); }, &too_deep,
        WalkEntries::directories);
    ASSERT_FALSE(status.ok());
    EXPECT_TRUE(too_deep);
}

TEST(TreeWalkTest, NeverFollowsASymbolicLink) {
    testing::TemporaryDirectory temp;
    const std::string root = temp.path() + "/tree";
    fs::create_directories(root);
    fs::create_directories(temp.path() + "/outside/secret");
    fs::create_directory_symlink(temp.path() + "/outside", root + "/link");

    Seen seen;
    ASSERT_TRUE(walk(root, seen).ok());
    EXPECT_EQ(seen.kinds, (std::map<std::string, char>{{root + "/link", '-'}}));
}

TEST(TreeWalkTest, WalksATreeExactlyAsDeepAsTheLimit) {
    testing::TemporaryDirectory temp;
    const std::string deepest = make_chain(temp.path(), max_walk_depth);
    std::ofstream(deepest + "/file") << "x";
    Seen seen;
    bool too_deep = false;
    ASSERT_TRUE(walk(temp.path(), seen, &too_deep).ok());
    EXPECT_FALSE(too_deep);
    EXPECT_EQ(seen.paths.size(), max_walk_depth + 1);
    EXPECT_EQ(seen.paths.back(), deepest + "/file");
}

TEST(TreeWalkTest, RefusesATreeDeeperThanTheLimitBeforeVisitingBelowIt) {
    testing::TemporaryDirectory temp;
    make_chain(temp.path(), max_walk_depth + 1);
    Seen seen;
    bool too_deep = false;
    const Status status = walk(temp.path(), seen, &too_deep);
    ASSERT_FALSE(status.ok());
    EXPECT_TRUE(too_deep);
    EXPECT_EQ(status.error(), temp.path() +
                                  ": refusing a directory tree more than 64 levels deep (at " +
                                  chain_path(temp.path(), 65) + ")");
    EXPECT_EQ(seen.paths.size(), max_walk_depth);
    EXPECT_EQ(seen.paths.back(), chain_path(temp.path(), 64));
}

TEST(TreeWalkTest, EscapesNamesInItsMessages) {
    testing::TemporaryDirectory temp;
    const std::string deepest = make_chain(temp.path(), max_walk_depth);
    ASSERT_EQ(::mkdir((deepest + "/\x1B]0;owned\x07").c_str(), 0755), 0);
    Seen seen;
    const Status status = walk(temp.path(), seen);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error(), temp.path() +
                                  ": refusing a directory tree more than 64 levels deep (at " +
                                  deepest + "/\\x1b]0;owned\\x07)");
}

// One open directory per level, and no more levels than the limit: a chain five times deeper
// than another holds no more descriptors open, and the walk never holds more than the limit's.
TEST(TreeWalkTest, OpenDescriptorsAreBoundedByTheLimitNotByTheDepth) {
    const auto most_open_while_walking = [](std::size_t levels) {
        testing::TemporaryDirectory temp;
        make_chain(temp.path(), levels);
        UniqueFd dir(::open(temp.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
        const std::size_t before = open_descriptors();
        std::size_t most = 0;
        const Status status = walk_below(dir.get(), temp.path(), [&most](const WalkEntry&) {
            most = std::max(most, open_descriptors());
            return ok_status();
        });
        EXPECT_FALSE(status.ok());
        EXPECT_EQ(open_descriptors(), before);  // all closed again
        return most - before;
    };
    const std::size_t at_100 = most_open_while_walking(100);
    const std::size_t at_500 = most_open_while_walking(500);
    EXPECT_EQ(at_100, at_500);
    // The starting directory's own stream, one per level, the /proc listing while counting.
    EXPECT_LE(at_500, max_walk_depth + 2);
}

TEST(TreeWalkTest, LeavesTheCallersDescriptorOpen) {
    testing::TemporaryDirectory temp;
    fs::create_directories(temp.path() + "/A");
    UniqueFd dir(::open(temp.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    for (int round = 0; round < 2; ++round) {  // and a second walk from it sees everything
        std::size_t seen = 0;
        ASSERT_TRUE(walk_below(dir.get(), temp.path(), [&seen](const WalkEntry&) {
                        ++seen;
                        return ok_status();
                    }).ok());
        EXPECT_EQ(seen, 1u);
    }
    struct stat status {};
    EXPECT_EQ(::fstat(dir.get(), &status), 0);
}

TEST(TreeWalkTest, AVisitorsFailureStopsTheWalk) {
    testing::TemporaryDirectory temp;
    fs::create_directories(temp.path() + "/A/B");
    UniqueFd dir(::open(temp.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    std::size_t seen = 0;
    const Status status = walk_below(dir.get(), temp.path(), [&seen](const WalkEntry& entry) {
        ++seen;
        return Status::failure("stop at " + entry.path);
    });
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error(), "stop at " + temp.path() + "/A");
    EXPECT_EQ(seen, 1u);
}

}  // namespace
}  // namespace pmr::effects
