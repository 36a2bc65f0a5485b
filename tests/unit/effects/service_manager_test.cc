// Starts and stops go through systemd (`systemctl start|stop postfix@NAME`) when it is PID 1 and
// Debian's postfix@.service exists, else through `postfix -c DIR start|stop`; `systemctl
// daemon-reload` follows a change of the set of instances only under systemd (#16). A fake
// process runner stands in for postfix and systemctl, and a fake probe for the master's lock:
// the real ones are never run here.
#include "effects/service_manager.h"

#include <gtest/gtest.h>

namespace pmr::effects {
namespace {

using lifecycle::PostfixCommand;
using lifecycle::RunPostfix;
using Argv = std::vector<std::string>;

/// Records every command and answers with `status` and `output`; a start or stop that succeeds
/// changes `running`, which the fake probe reports (unless `stays_running`).
class FakeRunner final : public ProcessRunner {
  public:
    Expected<ProcessResult> run(const Command& command) override {
        commands.push_back(command.argv);
        // postfix -c DIR start|stop, systemctl start|stop UNIT.
        const std::string& verb = command.argv.size() == 4 ? command.argv[3] : command.argv[1];
        if (status == 0 && verb == "start")
            running = true;
        if (status == 0 && verb == "stop" && !stays_running)
            running = false;
        return ProcessResult{status, false, command.errors_to_output ? output : ""};
    }
    /// The probe of the master's lock, for the queue directory of postfix-a.
    InstanceService::RunningProbe probe() {
        return [this](const std::string& queue_directory) {
            probed.push_back(queue_directory);
            return running;
        };
    }
    std::vector<Argv> commands;
    std::vector<std::string> probed;
    bool running = false;
    bool stays_running = false;  ///< a master systemctl stop does not stop
    int status = 0;
    std::string output;
};

RunPostfix op(PostfixCommand command, std::string name = "postfix-a") {
    return RunPostfix{"/etc/postfix-a", command, std::move(name), "/var/spool/postfix-a"};
}

Argv postfix_a(const char* command) {
    return {"/usr/sbin/postfix", "-c", "/etc/postfix-a", command};
}

TEST(ServiceControlTest, SystemdOnlyWhenItIsPidOneAndTheUnitsExist) {
    using enum ServiceChoice;
    EXPECT_EQ(choose_service_control({true, true}, automatic), ServiceControl::systemd);
    EXPECT_EQ(choose_service_control({true, false}, automatic), ServiceControl::postfix);
    EXPECT_EQ(choose_service_control({false, true}, automatic), ServiceControl::postfix);
    EXPECT_EQ(choose_service_control({false, false}, automatic), ServiceControl::postfix);
}

TEST(ServiceControlTest, TheEnvironmentCanForceEitherWay) {
    EXPECT_EQ(choose_service_control({true, true}, ServiceChoice::postfix),
              ServiceControl::postfix);
    EXPECT_EQ(choose_service_control({false, false}, ServiceChoice::systemd),
              ServiceControl::systemd);
    EXPECT_EQ(service_choice_named(""), ServiceChoice::automatic);
    EXPECT_EQ(service_choice_named("auto"), ServiceChoice::automatic);
    EXPECT_EQ(service_choice_named("postfix"), ServiceChoice::postfix);
    EXPECT_EQ(service_choice_named("systemd"), ServiceChoice::systemd);
    EXPECT_EQ(service_choice_named("sysvinit"), std::nullopt);
}

TEST(InstanceServiceTest, WithoutSystemdPostfixStartsAndStops) {
    FakeRunner runner;
    InstanceService service(runner, "/usr/sbin/postfix", ServiceControl::postfix, runner.probe());
    ASSERT_TRUE(service.run(op(PostfixCommand::start)));
    ASSERT_TRUE(service.run(op(PostfixCommand::stop)));
    EXPECT_EQ(runner.commands, (std::vector<Argv>{postfix_a("start"), postfix_a("stop")}));
    EXPECT_EQ(runner.probed,
              (std::vector<std::string>{"/var/spool/postfix-a", "/var/spool/postfix-a"}));
    ASSERT_TRUE(service.reload_units());
    EXPECT_EQ(runner.commands.size(), 2u) << "no daemon-reload without systemd";
}

TEST(InstanceServiceTest, UnderSystemdTheUnitOfTheInstancesNameStartsAndStopsIt) {
    FakeRunner runner;
    InstanceService service(runner, "/usr/sbin/postfix", ServiceControl::systemd, runner.probe());
    ASSERT_TRUE(service.run(op(PostfixCommand::start)));
    ASSERT_TRUE(service.run(op(PostfixCommand::stop)));
    EXPECT_EQ(runner.commands,
              (std::vector<Argv>{{"systemctl", "start", "postfix@postfix-a.service"},
                                 {"systemctl", "stop", "postfix@postfix-a.service"}}));
    ASSERT_TRUE(service.reload_units());
    EXPECT_EQ(runner.commands.back(), (Argv{"systemctl", "daemon-reload"}));
}

TEST(InstanceServiceTest, ThePrimaryIsTheUnitPostfixAtDash) {
    FakeRunner runner;
    InstanceService service(runner, "/usr/sbin/postfix", ServiceControl::systemd, runner.probe());
    ASSERT_TRUE(
        service.run(RunPostfix{"/etc/postfix", PostfixCommand::start, "-", "/var/spool/postfix"}));
    EXPECT_EQ(runner.commands, (std::vector<Argv>{{"systemctl", "start", "postfix@-.service"}}));
}

TEST(InstanceServiceTest, UnderSystemdANamelessInstanceHasNoUnitAndPostfixStartsIt) {
    FakeRunner runner;
    InstanceService service(runner, "/usr/sbin/postfix", ServiceControl::systemd, runner.probe());
    ASSERT_TRUE(service.run(op(PostfixCommand::start, "")));
    EXPECT_EQ(runner.commands, (std::vector<Argv>{postfix_a("start")}));
}

TEST(InstanceServiceTest, AMasterStartedOutsideSystemdIsStoppedByPostfixAfterSystemctl) {
    FakeRunner runner;
    runner.running = true;
    runner.stays_running = true;
    InstanceService service(runner, "/usr/sbin/postfix", ServiceControl::systemd, runner.probe());
    ASSERT_TRUE(service.run(op(PostfixCommand::stop)));
    EXPECT_EQ(
        runner.commands,
        (std::vector<Argv>{{"systemctl", "stop", "postfix@postfix-a.service"}, postfix_a("stop")}));
}

TEST(InstanceServiceTest, AnInstanceAlreadyAsWantedIsLeftAlone) {
    FakeRunner runner;
    runner.running = true;
    InstanceService service(runner, "/usr/sbin/postfix", ServiceControl::systemd, runner.probe());
    ASSERT_TRUE(service.run(op(PostfixCommand::start)));
    runner.running = false;
    ASSERT_TRUE(service.run(op(PostfixCommand::stop)));
    EXPECT_TRUE(runner.commands.empty());
}

TEST(InstanceServiceTest, WithoutAQueueDirectoryTheCommandRunsUnasked) {
    // A journal of an older pmreconcile: as before, postfix decides.
    FakeRunner runner;
    InstanceService service(runner, "/usr/sbin/postfix", ServiceControl::postfix, runner.probe());
    ASSERT_TRUE(service.run(RunPostfix{"/etc/postfix-a", PostfixCommand::stop}));
    EXPECT_EQ(runner.commands, (std::vector<Argv>{postfix_a("stop")}));
    EXPECT_TRUE(runner.probed.empty());
}

TEST(InstanceServiceTest, AFailedStartCarriesPostfixsOwnErrorText) {
    FakeRunner runner;
    runner.status = 1;
    runner.output =
        "/usr/sbin/postconf: fatal: file /etc/postfix-a/master.cf: line 139: bad "
        "field count\n";
    InstanceService service(runner, "/usr/sbin/postfix", ServiceControl::postfix, runner.probe());
    const Status started = service.run(op(PostfixCommand::start));
    ASSERT_FALSE(started);
    EXPECT_EQ(started.error(),
              "postfix -c /etc/postfix-a start failed with exit status 1: "
              "/usr/sbin/postconf: fatal: file /etc/postfix-a/master.cf: line 139: bad field "
              "count");
}

TEST(InstanceServiceTest, AFailedStopLeavesItsErrorOutputOnOurs) {
    FakeRunner runner;
    runner.running = true;
    runner.status = 1;
    runner.output = "not captured";
    InstanceService service(runner, "/usr/sbin/postfix", ServiceControl::postfix, runner.probe());
    const Status stopped = service.run(op(PostfixCommand::stop));
    ASSERT_FALSE(stopped);
    EXPECT_EQ(stopped.error(), "postfix -c /etc/postfix-a stop failed with exit status 1");
}

TEST(InstanceServiceTest, AFailedSystemctlCarriesItsErrorText) {
    FakeRunner runner;
    runner.status = 5;
    runner.output = "Failed to start postfix@postfix-a.service: Unit not found.\n";
    InstanceService service(runner, "/usr/sbin/postfix", ServiceControl::systemd, runner.probe());
    const Status started = service.run(op(PostfixCommand::start));
    ASSERT_FALSE(started);
    EXPECT_EQ(started.error(),
              "systemctl start postfix@postfix-a.service failed with exit status 5: Failed to "
              "start postfix@postfix-a.service: Unit not found.");
}

TEST(InstanceServiceTest, AReloadIsPostfixsEvenUnderSystemd) {
    FakeRunner runner;
    runner.running = true;
    InstanceService service(runner, "/usr/sbin/postfix", ServiceControl::systemd, runner.probe());
    ASSERT_TRUE(service.run(op(PostfixCommand::reload)));
    EXPECT_EQ(runner.commands, (std::vector<Argv>{postfix_a("reload")}));
}

}  // namespace
}  // namespace pmr::effects
