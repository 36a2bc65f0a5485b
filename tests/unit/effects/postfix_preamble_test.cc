#include "effects/postfix_preamble.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "temporary_directory.h"

namespace pmr::effects {
namespace {

namespace fs = std::filesystem;
using Strings = std::vector<std::string>;

/// An instance in a temporary directory: config/main.cf with `extra`, and the command, daemon
/// and queue directories it names (all present unless removed by the test).
struct Instance {
    testing::TemporaryDirectory temp;
    std::string config = temp.path() + "/config";
    std::string queue = temp.path() + "/queue";

    explicit Instance(const std::string& extra) {
        for (const char* dir : {"config", "queue", "sbin", "libexec"}) {
            fs::create_directory(temp.path() + "/" + dir);
        }
        std::ofstream(config + "/main.cf") << "command_directory = " << temp.path() << "/sbin\n"
                                           << "daemon_directory = " << temp.path() << "/libexec\n"
                                           << "queue_directory = " << queue << "\n"
                                           << extra;
    }
};

const maincf::ParameterDefaults& defaults() {
    return maincf::ParameterDefaults::builtin();
}

TEST(PostfixPreambleTest, CurrentCompatibilityLevelIsSilent) {
    Instance instance("compatibility_level = 3.6\n");
    const auto preamble = postfix_preamble(instance.config, defaults());
    EXPECT_TRUE(preamble.notices.empty());
    EXPECT_EQ(preamble.fatal, std::nullopt);
}

TEST(PostfixPreambleTest, OldCompatibilityLevelGivesPostfixsNotices) {
    // Bug fix (#3): a hand-made instance without compatibility_level, imported or destroyed.
    Instance instance("compatibility_level = 2\n");
    const auto preamble = postfix_preamble(instance.config, defaults());
    ASSERT_EQ(preamble.notices.size(), 3u);
    EXPECT_EQ(preamble.notices.front(), "Postfix is using backwards-compatible default settings");
    EXPECT_EQ(preamble.fatal, std::nullopt);
}

TEST(PostfixPreambleTest, LevelIsExpandedInTheInstancesContext) {
    Instance instance("level = 3.7\ncompatibility_level = $level\n");
    EXPECT_TRUE(postfix_preamble(instance.config, defaults()).notices.empty());
}

TEST(PostfixPreambleTest, MissingQueueDirectoryIsPostfixsChdirFatal) {
    // Bug fix (#3): postfix dies there; set-permissions fails, destroy's rmdir loops never run.
    Instance instance("compatibility_level = 2\n");
    fs::remove(instance.queue);
    const auto preamble = postfix_preamble(instance.config, defaults());
    EXPECT_EQ(preamble.notices.size(), 3u);  // printed before the chdir
    EXPECT_EQ(preamble.fatal, "chdir(" + instance.queue + "): No such file or directory");
}

TEST(PostfixPreambleTest, QueueDirectoryThatIsAFileIsNotADirectory) {
    Instance instance("compatibility_level = 3.6\n");
    fs::remove(instance.queue);
    std::ofstream(instance.queue) << "x";
    EXPECT_EQ(postfix_preamble(instance.config, defaults()).fatal,
              "chdir(" + instance.queue + "): Not a directory");
}

TEST(PostfixPreambleTest, CommandDirectoryIsEnteredFirst) {
    Instance instance("compatibility_level = 3.6\n");
    fs::remove(instance.queue);
    fs::remove(instance.temp.path() + "/sbin");
    EXPECT_EQ(postfix_preamble(instance.config, defaults()).fatal,
              "chdir(" + instance.temp.path() + "/sbin): No such file or directory");
}

TEST(PostfixPreambleTest, MalformedLevelIsFatal) {
    Instance instance("compatibility_level = three\n");
    const auto preamble = postfix_preamble(instance.config, defaults());
    EXPECT_TRUE(preamble.notices.empty());
    EXPECT_EQ(preamble.fatal, "malformed compatibility level syntax: \"three\"");
}

TEST(PostfixPreambleTest, MissingMainCfIsFatal) {
    testing::TemporaryDirectory temp;
    EXPECT_EQ(postfix_preamble(temp.path(), defaults()).fatal,
              "open " + temp.path() + "/main.cf: No such file or directory");
}

}  // namespace
}  // namespace pmr::effects
