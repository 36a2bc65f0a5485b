#include "effects/process_runner.h"

#include <gtest/gtest.h>

namespace pmr::effects {
namespace {

TEST(ProcessRunnerTest, InputIsTheChildsStdin) {
    RealProcessRunner runner;
    Command command;
    command.argv = {"cat"};
    command.capture_output = true;
    command.input = "digraph g { a -> b; }\n";
    const auto result = runner.run(command);
    ASSERT_TRUE(result.ok()) << result.error();
    EXPECT_TRUE(result->succeeded());
    EXPECT_EQ(result->output, "digraph g { a -> b; }\n");
}

TEST(ProcessRunnerTest, InputLargerThanAPipeDoesNotBlockWhileOutputIsCaptured) {
    // 4 MiB in and out: written through a pipe before reading the output, this would deadlock.
    RealProcessRunner runner;
    Command command;
    command.argv = {"cat"};
    command.capture_output = true;
    command.input = std::string(4u << 20, 'x');
    command.execvp_in_child = true;
    const auto result = runner.run(command);
    ASSERT_TRUE(result.ok()) << result.error();
    EXPECT_EQ(result->output.size(), 4u << 20);
}

TEST(ProcessRunnerTest, AMissingProgramSaysSo) {
    RealProcessRunner runner;
    Command command;
    command.argv = {"pmr-no-such-program"};
    command.input = "x";
    const auto result = runner.run(command);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(), "execute pmr-no-such-program: No such file or directory");
}

}  // namespace
}  // namespace pmr::effects
