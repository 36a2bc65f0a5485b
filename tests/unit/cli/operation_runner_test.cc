// Bug fix (#3): where postmulti-script runs `postfix -c DIR` (set-permissions after create and
// import, destroy's two rmdir loops), pmreconcile says what postfix would say first, and stops
// where postfix would stop.
#include "cli/operation_runner.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "../effects/temporary_directory.h"

namespace pmr::cli {
namespace {

namespace fs = std::filesystem;
using postmulti::MessageSource;
using Strings = std::vector<std::string>;

/// Records what it is asked to run; RemoveQueueTree removes the queue directory when it can (as
/// the real one does), and reports `leftovers`.
class FakeExecutor final : public effects::OperationExecutor {
  public:
    Strings ran;
    std::vector<effects::Leftover> leftovers;

    Status execute(const lifecycle::Operation& operation,
                   std::vector<effects::Leftover>& out) override {
        ran.push_back(lifecycle::describe(operation));
        if (const auto* op = std::get_if<lifecycle::RemoveQueueTree>(&operation)) {
            std::error_code ignored;
            fs::remove(op->queue_directory, ignored);  // only when empty, like rmdir
            out.insert(out.end(), leftovers.begin(), leftovers.end());
        }
        return ok_status();
    }
};

/// Every message, in order, as `SOURCE fatal: TEXT`, `notice: TEXT`, `leftover: PATH`.
class RecordingStyle final : public MessageStyle {
  public:
    mutable Strings lines;

    void fatal(MessageSource source, const std::string& message) const override {
        lines.push_back(name(source) + " fatal: " + message);
    }
    void refused(const postmulti::Fatal& refusal) const override {
        fatal(refusal.source, refusal.message);
    }
    void warning(MessageSource source, const std::string& message) const override {
        lines.push_back(name(source) + " warning: " + message);
    }
    void leftover(const effects::Leftover& left) const override {
        lines.push_back("leftover: " + left.path);
    }
    void directory_failure(const std::string& failure) const override {
        lines.push_back("directory: " + failure);
    }
    void postconf_fatal(const std::string&, const std::string& message) const override {
        lines.push_back("postconf fatal: " + message);
    }
    void postconf_warning(const std::string&, const std::string& message) const override {
        lines.push_back("postconf warning: " + message);
    }
    void postfix_notice(const std::string& message) const override {
        lines.push_back("notice: " + message.substr(0, 10));
    }

  private:
    static std::string name(MessageSource source) {
        switch (source) {
            case MessageSource::postmulti:
                return "postmulti";
            case MessageSource::script:
                return "script";
            case MessageSource::postfix:
                return "postfix";
        }
        return "?";
    }
};

/// An instance on disk whose main.cf has an old compatibility_level (three notices per postfix
/// run; they are recorded cut to ten characters: `notice: Postfix is`, ...).
struct OldInstance {
    pmr::testing::TemporaryDirectory temp;
    std::string config = temp.path() + "/config";
    std::string queue = temp.path() + "/queue";
    std::string data = temp.path() + "/data";

    OldInstance() {
        for (const char* dir : {"config", "queue", "data", "sbin", "libexec"}) {
            fs::create_directory(temp.path() + "/" + dir);
        }
        std::ofstream(config + "/main.cf") << "command_directory = " << temp.path() << "/sbin\n"
                                           << "daemon_directory = " << temp.path() << "/libexec\n"
                                           << "queue_directory = " << queue << "\n"
                                           << "compatibility_level = 2\n";
    }
};

const Strings notices{"notice: Postfix is", "notice: See http:/", "notice: To disable"};

Strings concat(std::initializer_list<Strings> parts) {
    Strings all;
    for (const Strings& part : parts)
        all.insert(all.end(), part.begin(), part.end());
    return all;
}

HostContext context() {
    return HostContext{maincf::ParameterDefaults::builtin(), {}, {}, {}};
}

/// The exit status postmulti mode gives the run of `plan`'s operations.
int run_script(const postmulti::EditPlan& plan, effects::OperationExecutor& executor,
               const MessageStyle& style) {
    const HostContext host = context();
    return run_operations(plan.operations, executor, script_voice(plan, host, style)) ? 0 : 1;
}

postmulti::EditPlan destroy_plan(const OldInstance& instance) {
    postmulti::EditPlan plan;
    plan.target_config_directory = instance.config;
    plan.operations = {lifecycle::RemoveQueueTree{instance.queue, instance.data},
                       lifecycle::RemoveFile{instance.config + "/main.cf"}};
    return plan;
}

TEST(RunOperationsTest, SetPermissionsIsPrecededByPostfixsNotices) {
    OldInstance instance;
    postmulti::EditPlan plan;
    plan.operations = {lifecycle::BuildQueueTree{instance.config}};
    FakeExecutor executor;
    RecordingStyle style;
    EXPECT_EQ(run_script(plan, executor, style), 0);
    EXPECT_EQ(style.lines, notices);
    EXPECT_EQ(executor.ran.size(), 1u);
}

TEST(RunOperationsTest, SetPermissionsStopsWherePostfixCannotEnterTheQueue) {
    OldInstance instance;
    fs::remove(instance.queue);
    postmulti::EditPlan plan;
    plan.operations = {lifecycle::BuildQueueTree{instance.config},
                       lifecycle::RemoveFile{instance.config + "/x"}};
    FakeExecutor executor;
    RecordingStyle style;
    EXPECT_EQ(run_script(plan, executor, style), 1);
    EXPECT_EQ(
        style.lines,
        concat({notices,
                {"postfix fatal: chdir(" + instance.queue + "): No such file or directory"}}));
    EXPECT_TRUE(executor.ran.empty());
}

TEST(RunOperationsTest, DestroysSecondPostfixRunComesBetweenTheTwoKindsOfLeftovers) {
    OldInstance instance;
    FakeExecutor executor;
    executor.leftovers = {{"hold", instance.queue + "/hold", "Directory not empty"},
                          {instance.data, instance.data, "Directory not empty"},
                          {instance.queue, instance.queue, "Directory not empty"}};
    RecordingStyle style;
    EXPECT_EQ(run_script(destroy_plan(instance), executor, style), 0);
    EXPECT_EQ(style.lines, concat({notices,
                                   {"leftover: " + instance.queue + "/hold"},
                                   notices,
                                   {"leftover: " + instance.data, "leftover: " + instance.queue}}));
}

TEST(RunOperationsTest, DestroyWithoutLeftoversStillRunsPostfixTwice) {
    // The second postfix starts before the queue directory goes: no chdir failure afterwards.
    OldInstance instance;
    FakeExecutor executor;
    RecordingStyle style;
    EXPECT_EQ(run_script(destroy_plan(instance), executor, style), 0);
    EXPECT_EQ(style.lines, concat({notices, notices}));
    EXPECT_EQ(executor.ran.size(), 2u);
}

TEST(RunOperationsTest, DestroyWithTheQueueGoneSkipsBothLoopsAndGoesOn) {
    OldInstance instance;
    fs::remove(instance.queue);
    FakeExecutor executor;
    RecordingStyle style;
    EXPECT_EQ(run_script(destroy_plan(instance), executor, style), 0);
    const Strings stopped = concat(
        {notices, {"postfix fatal: chdir(" + instance.queue + "): No such file or directory"}});
    EXPECT_EQ(style.lines, concat({stopped, stopped}));
    // The data directory stays (no rmdir loop ran); the configuration is still removed.
    ASSERT_EQ(executor.ran.size(), 1u);
    EXPECT_NE(executor.ran.front().find("main.cf"), std::string::npos) << executor.ran.front();
}

}  // namespace
}  // namespace pmr::cli
