#include "effects/instance_command.h"

#include <gtest/gtest.h>

namespace pmr::effects {
namespace {

postmulti::InstanceRun run_of(std::vector<std::string> argv) {
    return postmulti::InstanceRun{nullptr, std::move(argv), {}, true};
}

TEST(RunInstanceCommandTest, ReturnsTheExitStatus) {
    const auto ok = run_instance_command(run_of({"/bin/sh", "-c", "exit 0"}), "/usr/sbin", false);
    ASSERT_TRUE(ok) << ok.error();
    EXPECT_EQ(*ok, 0);
    const auto three = run_instance_command(run_of({"/bin/sh", "-c", "exit 3"}), "/usr/sbin", false);
    ASSERT_TRUE(three) << three.error();
    EXPECT_EQ(*three, 3);
}

TEST(RunInstanceCommandTest, ProgramThatCannotStartIsWordedLikePostmultisChild) {
    // Bug fix (#3): postmulti's child says `execvp NAME: REASON`, NAME as given.
    const auto missing =
        run_instance_command(run_of({"/nonexistent/command", "x"}), "/usr/sbin", false);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error(), "execvp /nonexistent/command: No such file or directory");
}

TEST(RunInstanceCommandTest, NameNotFoundInThePathKeepsTheNameAsGiven) {
    const auto missing = run_instance_command(run_of({"pmr-no-such-program-anywhere"}),
                                              "/nonexistent/sbin", false);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error(), "execvp pmr-no-such-program-anywhere: No such file or directory");
}

}  // namespace
}  // namespace pmr::effects
