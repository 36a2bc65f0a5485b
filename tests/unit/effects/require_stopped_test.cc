// Before destroy and deport, an instance must be stopped. Where no master ever ran (no
// pid/master.pid in its queue directory) that is known without Postfix, as Postfix's own
// `master -t` knows it; anywhere else `postfix status` decides (#3).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "effects/operation_executor.h"
#include "temporary_directory.h"

namespace pmr::effects {
namespace {

/// Answers `postfix status` with the exit status given and records every command.
class FakeRunner final : public ProcessRunner {
  public:
    explicit FakeRunner(int status) : status_(status) {}
    Expected<ProcessResult> run(const Command& command) override {
        commands.push_back(command.argv);
        return ProcessResult{status_, false, {}};
    }
    std::vector<std::vector<std::string>> commands;

  private:
    int status_;
};

class NoQueueTrees final : public QueueTrees {
  public:
    Status build(const std::string&) override { return ok_status(); }
    std::vector<Leftover> remove(const std::string&, const std::string&) override { return {}; }
};

Status require_stopped(FakeRunner& runner, const lifecycle::RequireStopped& op) {
    NoQueueTrees trees;
    RealOperationExecutor executor(runner, trees, "/usr/sbin/postfix", std::chrono::seconds(0));
    std::vector<Leftover> leftovers;
    return executor.execute(op, leftovers);
}

TEST(RequireStoppedTest, WithoutMasterPidNoMasterRanAndPostfixIsNotAsked) {
    testing::TemporaryDirectory temp;
    std::filesystem::create_directories(temp.path() + "/queue/pid");
    FakeRunner runner(0);  // would say "running"
    EXPECT_TRUE(require_stopped(runner, {"/etc/postfix-a", temp.path() + "/queue"}));
    EXPECT_TRUE(runner.commands.empty());
}

TEST(RequireStoppedTest, WithMasterPidPostfixStatusDecides) {
    testing::TemporaryDirectory temp;
    std::filesystem::create_directories(temp.path() + "/queue/pid");
    std::ofstream(temp.path() + "/queue/pid/master.pid") << "  1234\n";

    FakeRunner running(0);
    const Status refused = require_stopped(running, {"/etc/postfix-a", temp.path() + "/queue"});
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error(), "Instance '/etc/postfix-a' is not stopped");
    ASSERT_EQ(running.commands.size(), 1u);
    EXPECT_EQ(running.commands[0],
              (std::vector<std::string>{"/usr/sbin/postfix", "-c", "/etc/postfix-a", "status"}));

    FakeRunner stopped(1);
    EXPECT_TRUE(require_stopped(stopped, {"/etc/postfix-a", temp.path() + "/queue"}));
}

TEST(RequireStoppedTest, JournalOfAnOlderVersionWithoutQueueDirectoryAsksPostfix) {
    FakeRunner runner(1);
    EXPECT_TRUE(require_stopped(runner, {"/etc/postfix-a", ""}));
    EXPECT_EQ(runner.commands.size(), 1u);
}

}  // namespace
}  // namespace pmr::effects
