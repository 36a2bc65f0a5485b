#include "effects/queue_tree.h"

#include <fcntl.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/postfix_files/parser.h"
#include "effects/tree_walk.h"
#include "temporary_directory.h"

namespace pmr::effects {
namespace {

namespace fs = std::filesystem;
using postfix_files::EntryType;
using postfix_files::Mode;
using postfix_files::Step;

std::string fixture_text() {
    std::ifstream in(PMR_SOURCE_DIR
                     "/tests/unit/core/postfix_files/debian-12-postfix-3.7.11.postfix-files");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// `TYPE MODE OWNER GROUP` of a path, not following a symbolic link (tree-snapshot's columns).
std::string describe(const std::string& path) {
    struct stat status {};
    if (::lstat(path.c_str(), &status) < 0)
        return "absent";
    const char type = S_ISDIR(status.st_mode) ? 'd' : S_ISLNK(status.st_mode) ? 'l' : 'f';
    const struct passwd* user = ::getpwuid(status.st_uid);
    const struct group* group = ::getgrgid(status.st_gid);
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", status.st_mode & 07777);
    return std::string(1, type) + " " + mode + " " +
           (user ? user->pw_name : std::to_string(status.st_uid)) + " " +
           (group ? group->gr_name : std::to_string(status.st_gid));
}

void write_file(const std::string& path, const std::string& text) {
    std::ofstream(path) << text;
}

class QueueTreeTest : public ::testing::Test {
  protected:
    void SetUp() override {
        if (::geteuid() != 0)
            GTEST_SKIP() << "needs root (chown)";
        if (::getpwnam("postfix") == nullptr || ::getgrnam("postdrop") == nullptr) {
            GTEST_SKIP() << "needs the postfix user and the postdrop group";
        }
        root_ = temp_.path();
        fs::create_directories(root_ + "/etc/postfix-out");
        fs::create_directories(root_ + "/spool");
        fs::create_directories(root_ + "/lib");
        write_file(root_ + "/etc/postfix-out/main.cf", "queue_directory = x\n");
        write_file(root_ + "/etc/postfix-out/master.cf", "\n");
    }

    /// The secondary-instance plan of Debian's postfix-files, with the instance's directories
    /// under the test directory.
    std::vector<Step> debian_plan() const {
        postfix_files::Target target;
        target.parameters = {{"config_directory", root_ + "/etc/postfix-out"},
                             {"queue_directory", queue()},
                             {"data_directory", data()},
                             {"mail_owner", "postfix"},
                             {"setgid_group", "postdrop"}};
        const auto parsed = postfix_files::parse_postfix_files(fixture_text(), "postfix-files");
        auto plan = postfix_files::plan_set_permissions(parsed.entries, target);
        EXPECT_TRUE(plan.diagnostics.empty());
        return plan.steps;
    }

    std::string queue() const { return root_ + "/spool/postfix-out"; }
    std::string data() const { return root_ + "/lib/postfix-out"; }

    testing::TemporaryDirectory temp_;
    std::string root_;
};

TEST_F(QueueTreeTest, BuildsANewSecondarysTreesLikeSetPermissions) {
    std::vector<TreeChange> changes;
    const Status status = apply_permission_steps(debian_plan(), &changes);
    ASSERT_TRUE(status.ok()) << status.error();

    EXPECT_EQ(describe(root_ + "/etc/postfix-out"), "d 0755 root root");
    EXPECT_EQ(describe(root_ + "/etc/postfix-out/main.cf"), "f 0644 root root");
    EXPECT_EQ(describe(data()), "d 0700 postfix root");
    EXPECT_EQ(describe(queue()), "d 0755 root root");
    for (const char* name : {"active", "bounce", "corrupt", "defer", "deferred", "flush", "hold",
                             "incoming", "private", "saved", "trace"}) {
        EXPECT_EQ(describe(queue() + "/" + name), "d 0700 postfix root") << name;
    }
    EXPECT_EQ(describe(queue() + "/maildrop"), "d 0730 postfix postdrop");
    EXPECT_EQ(describe(queue() + "/public"), "d 0710 postfix postdrop");
    EXPECT_EQ(describe(queue() + "/pid"), "d 0755 root root");

    ASSERT_GE(changes.size(), 3u);
    EXPECT_EQ(to_string(changes[0]), "mkdir " + data());
    EXPECT_EQ(to_string(changes[1]), "chown postfix " + data());
    int made = 0;
    for (const TreeChange& change : changes)
        made += change.kind == TreeChange::Kind::created;
    EXPECT_EQ(made, 16);
}

TEST_F(QueueTreeTest, ASecondRunChangesNothing) {
    ASSERT_TRUE(apply_permission_steps(debian_plan()).ok());
    std::vector<TreeChange> changes;
    ASSERT_TRUE(apply_permission_steps(debian_plan(), &changes).ok());
    EXPECT_TRUE(changes.empty()) << to_string(changes.front());
}

TEST_F(QueueTreeTest, RepairsOwnersAndModesOfExistingDirectories) {
    fs::create_directories(queue() + "/maildrop");
    ::chmod((queue() + "/maildrop").c_str(), 0777);
    std::vector<TreeChange> changes;
    ASSERT_TRUE(apply_permission_steps(debian_plan(), &changes).ok());
    EXPECT_EQ(describe(queue() + "/maildrop"), "d 0730 postfix postdrop");
    const auto has = [&changes](const std::string& line) {
        for (const TreeChange& change : changes) {
            if (to_string(change) == line)
                return true;
        }
        return false;
    };
    EXPECT_TRUE(has("chown postfix:postdrop " + queue() + "/maildrop"));
    EXPECT_TRUE(has("chmod 0730 " + queue() + "/maildrop"));
    EXPECT_FALSE(has("mkdir " + queue() + "/maildrop"));
}

// `chown -R` reaches everything below, `find -type d -exec chmod` only the directories.
TEST_F(QueueTreeTest, RecursiveStepsChownAllContentsAndChmodOnlyDirectories) {
    fs::create_directories(queue() + "/deferred/A");
    ::chmod((queue() + "/deferred/A").c_str(), 0755);
    write_file(queue() + "/deferred/A/ABCDEF", "message");
    ::chmod((queue() + "/deferred/A/ABCDEF").c_str(), 0700);  // "active" queue file marker
    write_file(root_ + "/victim", "x");
    fs::create_symlink(root_ + "/victim", queue() + "/deferred/A/link");
    fs::create_directories(queue() + "/private");
    write_file(queue() + "/private/keep", "x");

    ASSERT_TRUE(apply_permission_steps(debian_plan()).ok());
    EXPECT_EQ(describe(queue() + "/deferred/A"), "d 0700 postfix root");
    EXPECT_EQ(describe(queue() + "/deferred/A/ABCDEF"), "f 0700 postfix root");
    EXPECT_EQ(describe(queue() + "/deferred/A/link"), "l 0777 postfix root");
    EXPECT_EQ(describe(root_ + "/victim"), "f 0644 root root");
    EXPECT_EQ(describe(queue() + "/private/keep"), "f 0644 root root");  // no `r` on private
}

// chown(2) clears set-user-ID (and group-executable set-group-ID) bits of files even when the
// owner stays; post-install's chown -R therefore does, and so must we.
TEST_F(QueueTreeTest, RecursiveChownClearsSetIdBitsOfFilesLikeChown) {
    fs::create_directories(queue() + "/saved");
    write_file(queue() + "/saved/tool", "x");
    ::chown((queue() + "/saved/tool").c_str(), ::getpwnam("postfix")->pw_uid, 0);
    ::chmod((queue() + "/saved/tool").c_str(), 06750);
    ASSERT_TRUE(apply_permission_steps(debian_plan()).ok());
    EXPECT_EQ(describe(queue() + "/saved/tool"), "f 0750 postfix root");
}

// GNU chmod keeps a directory's set-group-ID bit (inherited from a set-group-ID parent) unless
// the mode has five digits.
TEST_F(QueueTreeTest, DirectoriesKeepAnInheritedSetGroupIdBit) {
    ::chown((root_ + "/spool").c_str(), 0, ::getgrnam("postdrop")->gr_gid);
    ::chmod((root_ + "/spool").c_str(), 02755);
    ASSERT_TRUE(apply_permission_steps(debian_plan()).ok());
    EXPECT_EQ(describe(queue()), "d 2755 root postdrop");
    EXPECT_EQ(describe(queue() + "/active"), "d 2700 postfix postdrop");
    EXPECT_EQ(describe(queue() + "/maildrop"), "d 2730 postfix postdrop");
}

TEST_F(QueueTreeTest, RefusesASymbolicLinkPlantedInThePath) {
    fs::create_directories(root_ + "/elsewhere");
    fs::create_symlink(root_ + "/elsewhere", queue());
    const Status status = apply_permission_steps(debian_plan());
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error(), "open " + queue() + ": is a symbolic link, not followed");
    EXPECT_TRUE(fs::is_empty(root_ + "/elsewhere"));
    EXPECT_EQ(describe(root_ + "/elsewhere"), "d 0755 root root");
}

TEST_F(QueueTreeTest, RefusesASymbolicLinkAsTheLastComponent) {
    fs::create_directories(queue());
    fs::create_directories(root_ + "/elsewhere");
    fs::create_symlink(root_ + "/elsewhere", queue() + "/active");
    const Status status = apply_permission_steps(debian_plan());
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error(), "open " + queue() + "/active: is a symbolic link, not followed");
    EXPECT_EQ(describe(root_ + "/elsewhere"), "d 0755 root root");
}

// Debian's /etc/postfix/makedefs.out is a symbolic link, and post-install's chmod follows it.
TEST_F(QueueTreeTest, FollowsALastComponentSymlinkOnlyRootCanHaveMadeForFiles) {
    write_file(root_ + "/target", "x");
    fs::create_symlink(root_ + "/target", root_ + "/etc/postfix-out/makedefs.out");
    const Step file{.path = root_ + "/etc/postfix-out/makedefs.out",
                    .type = EntryType::file,
                    .owner = "root",
                    .mode = Mode{0640}};
    ASSERT_TRUE(apply_permission_steps(std::vector<Step>{file}).ok());
    EXPECT_EQ(describe(root_ + "/target"), "f 0640 root root");
}

TEST_F(QueueTreeTest, RefusesFileSymlinksOthersCouldHaveMade) {
    write_file(root_ + "/target", "x");
    const std::string link = root_ + "/etc/postfix-out/link";
    fs::create_symlink(root_ + "/target", link);
    ::lchown(link.c_str(), ::getpwnam("postfix")->pw_uid, static_cast<gid_t>(-1));
    const Step file{.path = link, .type = EntryType::file, .owner = "root", .mode = Mode{0600}};
    Status status = apply_permission_steps(std::vector<Step>{file});
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error(), "open " + link + ": is a symbolic link, not followed");

    ::lchown(link.c_str(), 0, static_cast<gid_t>(-1));
    ::chmod((root_ + "/etc/postfix-out").c_str(), 0775);
    status = apply_permission_steps(std::vector<Step>{file});
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error(), "open " + link + ": is a symbolic link, not followed");
    EXPECT_EQ(describe(root_ + "/target"), "f 0644 root root");
}

TEST_F(QueueTreeTest, UnknownNamesFailBeforeAnythingChanges) {
    const std::vector<Step> steps = {
        Step{.path = queue(), .owner = "root", .mode = Mode{0755}, .create_missing = true},
        Step{.path = queue() + "/a",
             .owner = "pmr-no-such-user",
             .group = "pmr-no-such-group",
             .mode = Mode{0700},
             .create_missing = true},
        Step{.path = queue() + "/b",
             .owner = "pmr-no-such-user",
             .mode = Mode{0700},
             .create_missing = true},
    };
    const Status status = apply_permission_steps(steps);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error(), "unknown user pmr-no-such-user\nunknown group pmr-no-such-group");
    EXPECT_EQ(describe(queue()), "absent");
}

TEST_F(QueueTreeTest, NumericOwnersWorkLikeChown) {
    const std::vector<Step> steps = {Step{.path = queue(),
                                          .owner = "4242",
                                          .group = "4343",
                                          .mode = Mode{0750},
                                          .create_missing = true}};
    ASSERT_TRUE(apply_permission_steps(steps).ok());
    struct stat status {};
    ASSERT_EQ(::stat(queue().c_str(), &status), 0);
    EXPECT_EQ(status.st_uid, 4242u);
    EXPECT_EQ(status.st_gid, 4343u);
}

TEST_F(QueueTreeTest, AMissingPathIsAnErrorUnlessOptional) {
    Step file{.path = root_ + "/etc/postfix-out/LICENSE",
              .type = EntryType::file,
              .owner = "root",
              .mode = Mode{0644}};
    Status status = apply_permission_steps(std::vector<Step>{file});
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error(),
              "open " + root_ + "/etc/postfix-out/LICENSE: No such file or directory");
    file.skip_when_absent = true;
    EXPECT_TRUE(apply_permission_steps(std::vector<Step>{file}).ok());
}

// post-install runs `mkdir`, not `mkdir -p`.
TEST_F(QueueTreeTest, CreatesOnlyTheLastComponent) {
    const std::vector<Step> steps = {Step{.path = root_ + "/nowhere/queue",
                                          .owner = "root",
                                          .mode = Mode{0755},
                                          .create_missing = true}};
    const Status status = apply_permission_steps(steps);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error(), "open " + root_ + "/nowhere: No such file or directory");
}

TEST_F(QueueTreeTest, AFileWhereADirectoryBelongsIsRefused) {
    write_file(data(), "not a directory");
    const Status status = apply_permission_steps(debian_plan());
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error(), "open " + data() + ": not a directory");
}

TEST_F(QueueTreeTest, BuildQueueTreeReadsTheMetaDirectory) {
    fs::create_directories(root_ + "/meta/postfix-files.d");
    write_file(root_ + "/meta/postfix-files", fixture_text());
    write_file(root_ + "/meta/postfix-files.d/extra",
               "$queue_directory/extra:d:$mail_owner:$setgid_group:750:c\n");
    postfix_files::Target target;
    target.parameters = {{"config_directory", root_ + "/etc/postfix-out"},
                         {"queue_directory", queue()},
                         {"data_directory", data()},
                         {"mail_owner", "postfix"},
                         {"setgid_group", "postdrop"}};
    const Status status = build_queue_tree(root_ + "/meta", target);
    ASSERT_TRUE(status.ok()) << status.error();
    EXPECT_EQ(describe(queue() + "/extra"), "d 0750 postfix postdrop");
    EXPECT_EQ(describe(queue() + "/active"), "d 0700 postfix root");
}

TEST_F(QueueTreeTest, BuildQueueTreeReportsEveryErrorAndChangesNothing) {
    fs::create_directories(root_ + "/meta/postfix-files.d");
    write_file(root_ + "/meta/postfix-files", "$queue_directory:d:root:-:755:uc\n");
    write_file(root_ + "/meta/postfix-files.d/bad",
               "$queue_directory/x:q:root:-:755\n$queue_directory/$nope:d:root:-:755:c\n");
    postfix_files::Target target;
    target.parameters = {{"config_directory", root_ + "/etc/postfix-out"},
                         {"queue_directory", queue()}};
    const Status status = build_queue_tree(root_ + "/meta", target);
    ASSERT_FALSE(status.ok());
    const std::string bad = root_ + "/meta/postfix-files.d/bad";
    EXPECT_EQ(status.error(), bad + ":1: unknown file type 'q' (expected d, f, h or l)\n" + bad +
                                  ":2: unknown parameter '$nope'");
    EXPECT_EQ(describe(queue()), "absent");
}

/// A chain of `levels` directories `d` below `root`, made relative to descriptors.
void make_chain(const std::string& root, std::size_t levels) {
    int dir = ::open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    for (std::size_t i = 0; i < levels; ++i) {
        EXPECT_EQ(::mkdirat(dir, "d", 0755), 0);
        const int next = ::openat(dir, "d", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        ::close(dir);
        dir = next;
    }
    ::close(dir);
}

std::string chain_path(std::string path, std::size_t levels) {
    for (std::size_t i = 0; i < levels; ++i)
        path += "/d";
    return path;
}

// The postfix user can plant any tree in its queue directories; set-permissions walks them
// (chown -R) as root. Too deep a tree is refused before anything at all changes.
TEST_F(QueueTreeTest, ATreeDeeperThanTheLimitIsRefusedBeforeAnythingChanges) {
    ASSERT_TRUE(apply_permission_steps(debian_plan()).ok());
    make_chain(queue() + "/deferred", max_walk_depth + 1);
    ::chmod((queue() + "/maildrop").c_str(), 0777);  // would be repaired by an earlier step

    std::vector<TreeChange> changes;
    const Status status = apply_permission_steps(debian_plan(), &changes);
    ASSERT_FALSE(status.ok());
    EXPECT_EQ(status.error(), queue() +
                                  "/deferred: refusing a directory tree more than 64 levels "
                                  "deep (at " +
                                  chain_path(queue() + "/deferred", 65) + "); nothing was changed");
    EXPECT_TRUE(changes.empty());
    EXPECT_EQ(describe(queue() + "/maildrop"), "d 0777 postfix postdrop");
    EXPECT_EQ(describe(queue() + "/deferred/d"), "d 0755 root root");
    EXPECT_EQ(describe(chain_path(queue() + "/deferred", 65)), "d 0755 root root");
}

TEST_F(QueueTreeTest, ATreeAsDeepAsTheLimitIsWalkedCompletely) {
    ASSERT_TRUE(apply_permission_steps(debian_plan()).ok());
    make_chain(queue() + "/deferred", max_walk_depth);
    write_file(chain_path(queue() + "/deferred", 64) + "/file", "x");
    ASSERT_TRUE(apply_permission_steps(debian_plan()).ok());
    EXPECT_EQ(describe(queue() + "/deferred/d"), "d 0700 postfix root");
    EXPECT_EQ(describe(chain_path(queue() + "/deferred", 64)), "d 0700 postfix root");
    EXPECT_EQ(describe(chain_path(queue() + "/deferred", 64) + "/file"), "f 0644 postfix root");
}

// A file name may hold terminal escape codes: changes are printed escaped.
TEST_F(QueueTreeTest, NamesFromTheQueueArePrintedEscaped) {
    ASSERT_TRUE(apply_permission_steps(debian_plan()).ok());
    const std::string name = "\x1B]0;owned\x07\x9B";
    write_file(queue() + "/deferred/" + name, "x");
    std::vector<TreeChange> changes;
    ASSERT_TRUE(apply_permission_steps(debian_plan(), &changes).ok());
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].path, queue() + "/deferred/" + name);
    EXPECT_EQ(to_string(changes[0]),
              "chown postfix " + queue() + "/deferred/\\x1b]0;owned\\x07\\x9b");
}

TEST_F(QueueTreeTest, RemovesAFreshTreeCompletely) {
    ASSERT_TRUE(apply_permission_steps(debian_plan()).ok());
    EXPECT_TRUE(remove_queue_tree(queue(), data()).empty());
    EXPECT_EQ(describe(queue()), "absent");
    EXPECT_EQ(describe(data()), "absent");
}

TEST_F(QueueTreeTest, RemovalNeverTouchesFilesAndReportsWhatStays) {
    ASSERT_TRUE(apply_permission_steps(debian_plan()).ok());
    write_file(queue() + "/deferred/ABCDEF", "queued message");
    fs::remove(queue() + "/hold");
    fs::create_directories(root_ + "/elsewhere");
    fs::create_symlink(root_ + "/elsewhere", queue() + "/hold");
    write_file(data() + "/verify_cache.lmdb", "x");

    const auto leftovers = remove_queue_tree(queue(), data());
    EXPECT_EQ(leftovers, (std::vector<QueueTreeLeftover>{
                             {"deferred", queue() + "/deferred", "Directory not empty"},
                             {"hold", queue() + "/hold", "Not a directory"},
                             {data(), data(), "Directory not empty"},
                             {queue(), queue(), "Directory not empty"}}));
    EXPECT_EQ(leftovers[0].warning(),
              queue() + "/deferred: please verify contents and remove by hand");
    EXPECT_EQ(describe(queue() + "/deferred/ABCDEF"), "f 0644 root root");
    EXPECT_EQ(describe(queue() + "/hold"), "l 0777 root root");
    EXPECT_EQ(describe(root_ + "/elsewhere"), "d 0755 root root");
    EXPECT_EQ(describe(queue() + "/active"), "absent");
}

// postmulti's rmdir fails on a subdirectory that is already gone, and it warns about it.
TEST_F(QueueTreeTest, RemovalReportsAbsentDirectoriesLikePostmulti) {
    fs::create_directories(queue());
    const auto leftovers = remove_queue_tree(queue(), data());
    ASSERT_EQ(leftovers.size(), 15u);
    EXPECT_EQ(leftovers[0],
              (QueueTreeLeftover{"active", queue() + "/active", "No such file or directory"}));
    EXPECT_EQ(leftovers[14], (QueueTreeLeftover{data(), data(), "No such file or directory"}));
    EXPECT_EQ(describe(queue()), "absent");
}

}  // namespace
}  // namespace pmr::effects
