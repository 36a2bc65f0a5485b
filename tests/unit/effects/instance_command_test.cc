#include "effects/instance_command.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "temporary_directory.h"

namespace pmr::effects {
namespace {

postmulti::InstanceRun run_of(std::vector<std::string> argv) {
    return postmulti::InstanceRun{nullptr, std::move(argv), {}, true};
}

TEST(RunInstanceCommandTest, ReturnsTheExitStatus) {
    const auto ok = run_instance_command(run_of({"/bin/sh", "-c", "exit 0"}), "/usr/sbin", false);
    ASSERT_TRUE(ok) << ok.error();
    EXPECT_EQ(*ok, 0);
    const auto three =
        run_instance_command(run_of({"/bin/sh", "-c", "exit 3"}), "/usr/sbin", false);
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
    const auto missing =
        run_instance_command(run_of({"pmr-no-such-program-anywhere"}), "/nonexistent/sbin", false);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error(), "execvp pmr-no-such-program-anywhere: No such file or directory");
}

/// A temporary directory to put programs in.
struct ScriptDirectory {
    pmr::testing::TemporaryDirectory temp;

    std::string write(const std::string& name, const std::string& text, int mode) {
        const std::string path = temp.path() + "/" + name;
        std::ofstream(path) << text;
        ::chmod(path.c_str(), static_cast<mode_t>(mode));
        return path;
    }
};

/// A run of `argv` whose environment has PATH set to `path` (nothing prepended).
postmulti::InstanceRun run_with(std::vector<std::string> argv, std::string path) {
    return postmulti::InstanceRun{nullptr, std::move(argv), {{"PATH", std::move(path)}}, false};
}

TEST(RunInstanceCommandTest, AnExecutableWithoutInterpreterLineRunsThroughTheShell) {
    // Bug fix (#14): execvp(3) runs such a file with /bin/sh; posix_spawnp() said
    // `Exec format error`.
    ScriptDirectory dir;
    const std::string marker = dir.temp.path() + "/ran";
    const std::string script = dir.write("nosb", "echo \"$0\" >" + marker + "\n", 0755);
    const auto ran = run_instance_command(run_of({script}), "/usr/sbin", false);
    ASSERT_TRUE(ran) << ran.error();
    EXPECT_EQ(*ran, 0);
    std::ifstream in(marker);
    std::string first;
    std::getline(in, first);
    EXPECT_EQ(first, script);
}

TEST(RunInstanceCommandTest, TheNameIsLookedUpInTheChildsPathNotOurs) {
    // Bug fix (#14): the program was found through our PATH; execvp(3) in postmulti's child
    // searches the child's, and argv[0] stays the name as given.
    ScriptDirectory dir;
    const std::string marker = dir.temp.path() + "/ran";
    dir.write("pmr-probe", "#!/bin/sh\necho \"$0\" >" + marker + "\n", 0755);
    const auto ran =
        run_instance_command(run_with({"pmr-probe"}, dir.temp.path()), "/usr/sbin", false);
    ASSERT_TRUE(ran) << ran.error();
    std::ifstream in(marker);
    std::string first;
    std::getline(in, first);
    EXPECT_EQ(first, dir.temp.path() + "/pmr-probe");  // the shell's $0: the path execvp found
    const auto missing =
        run_instance_command(run_with({"pmr-probe"}, "/nonexistent"), "/usr/sbin", false);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error(), "execvp pmr-probe: No such file or directory");
}

TEST(RunInstanceCommandTest, ANonExecutableMatchIsPermissionDenied) {
    ScriptDirectory dir;
    dir.write("pmr-noexec", "echo never\n", 0644);
    const auto denied =
        run_instance_command(run_with({"pmr-noexec"}, dir.temp.path()), "/usr/sbin", false);
    ASSERT_FALSE(denied);
    EXPECT_EQ(denied.error(), "execvp pmr-noexec: Permission denied");
}

TEST(RunInstanceCommandTest, AnEmptyNameIsNotFound) {
    const auto missing = run_instance_command(run_of({""}), "/usr/sbin", false);
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error(), "execvp : No such file or directory");
}

}  // namespace
}  // namespace pmr::effects
