#include "core/postmulti/iteration.h"

#include <gtest/gtest.h>

#include "core/postmulti/command_line.h"

namespace pmr::postmulti {
namespace {

using instance::HostState;
using instance::Instance;
using Strings = std::vector<std::string>;
using Environment = std::vector<std::pair<std::string, std::string>>;

/// A primary and three secondaries: a (enabled, group mta), b (disabled, group mta), c (enabled,
/// unnamed). The primary is enabled.
HostState sample_host() {
    HostState state;
    state.instances = {
        {"/etc/postfix", "/var/spool/postfix", "/var/lib/postfix", "", "", true, true},
        {"/etc/postfix-a", "/var/spool/postfix-a", "/var/lib/postfix-a", "postfix-a", "mta", true,
         false},
        {"/etc/postfix-b", "/var/spool/postfix-b", "/var/lib/postfix-b", "postfix-b", "mta", false,
         false},
        {"/etc/postfix-c", "/var/spool/postfix-c", "/var/lib/postfix-c", "", "", true, false},
    };
    state.shared = {"/usr/sbin", "/usr/lib/postfix/sbin", "/etc/postfix", "/usr/lib/postfix"};
    state.multi_instance_wrapper = "/usr/sbin/postmulti -p --";
    state.multi_instance_enable = "yes";
    state.start_commands = {"start"};
    state.stop_commands = {"stop", "abort", "drain", "quick-stop"};
    state.control_commands = {"reload", "flush"};
    return state;
}

Request request(const Strings& arguments) {
    auto parsed = parse_command_line(arguments);
    if (auto* refusal = std::get_if<Refusal>(&parsed)) {
        ADD_FAILURE() << "refused: " << refusal->fatal;
        return {};
    }
    return std::get<Request>(parsed);
}

/// Each run as `CONFIG_DIRECTORY: ARGV...`.
Strings runs(const IterationPlan& plan) {
    Strings out;
    for (const InstanceRun& run : plan.runs) {
        std::string line = run.instance->config_directory + ":";
        for (const std::string& word : run.argv)
            line += " " + word;
        out.push_back(line);
    }
    return out;
}

IterationPlan iterate(const HostState& state, const Strings& arguments) {
    return plan_iteration(state, request(arguments));
}

// --- listing ----------------------------------------------------------------------------------

TEST(PlanListingTest, ListsEveryInstanceInOrder) {
    EXPECT_EQ(plan_listing(sample_host(), request({"-l"})),
              "-               -               y         /etc/postfix\n"
              "postfix-a       mta             y         /etc/postfix-a\n"
              "postfix-b       mta             n         /etc/postfix-b\n"
              "-               -               y         /etc/postfix-c\n");
}

TEST(PlanListingTest, ReverseListsBackwards) {
    EXPECT_EQ(plan_listing(sample_host(), request({"-l", "-R"})),
              "-               -               y         /etc/postfix-c\n"
              "postfix-b       mta             n         /etc/postfix-b\n"
              "postfix-a       mta             y         /etc/postfix-a\n"
              "-               -               y         /etc/postfix\n");
}

TEST(PlanListingTest, GroupSelectionIncludesDisabledInstances) {
    EXPECT_EQ(plan_listing(sample_host(), request({"-l", "-g", "mta"})),
              "postfix-a       mta             y         /etc/postfix-a\n"
              "postfix-b       mta             n         /etc/postfix-b\n");
}

TEST(PlanListingTest, NameSelection) {
    EXPECT_EQ(plan_listing(sample_host(), request({"-l", "-i", "b"})),
              "postfix-b       mta             n         /etc/postfix-b\n");
    EXPECT_EQ(plan_listing(sample_host(), request({"-l", "-i", "-"})),
              "-               -               y         /etc/postfix\n");
    EXPECT_EQ(plan_listing(sample_host(), request({"-l", "-i", "/etc/postfix-c"})),
              "-               -               y         /etc/postfix-c\n");
}

TEST(PlanListingTest, NothingSelectedListsNothing) {
    EXPECT_EQ(plan_listing(sample_host(), request({"-l", "-i", "nosuch"})), "");
    EXPECT_EQ(plan_listing(sample_host(), request({"-l", "-g", "none"})), "");
}

// --- -p ---------------------------------------------------------------------------------------

TEST(PlanIterationTest, StartRunsCheckForDisabledInstancesInForwardOrder) {
    const HostState state = sample_host();
    const IterationPlan plan = iterate(state, {"-p", "start"});
    EXPECT_EQ(plan.fatal, std::nullopt);
    EXPECT_EQ(runs(plan), (Strings{
                              "/etc/postfix: /usr/sbin/postfix -- start",
                              "/etc/postfix-a: /usr/sbin/postfix -- start",
                              "/etc/postfix-b: /usr/sbin/postfix -- check",
                              "/etc/postfix-c: /usr/sbin/postfix -- start",
                          }));
}

TEST(PlanIterationTest, StartKeepsTheCommandsFurtherArguments) {
    const HostState state = sample_host();
    EXPECT_EQ(runs(iterate(state, {"-p", "-i", "b", "start", "-v"})),
              Strings{"/etc/postfix-b: /usr/sbin/postfix -- check -v"});
}

TEST(PlanIterationTest, PostfixRunsSetOnlyMailConfig) {
    const HostState state = sample_host();
    const IterationPlan plan = iterate(state, {"-p", "-i", "a", "status"});
    ASSERT_EQ(plan.runs.size(), 1u);
    EXPECT_EQ(plan.runs[0].instance, &state.instances[1]);
    EXPECT_EQ(plan.runs[0].environment, (Environment{{"MAIL_CONFIG", "/etc/postfix-a"}}));
    EXPECT_FALSE(plan.runs[0].prepend_command_directory);
}

TEST(PlanIterationTest, StopCommandsSkipDisabledInstancesInReverseOrder) {
    const HostState state = sample_host();
    for (const char* command : {"stop", "abort", "drain", "quick-stop"}) {
        EXPECT_EQ(runs(iterate(state, {"-p", command})),
                  (Strings{
                      "/etc/postfix-c: /usr/sbin/postfix -- " + std::string(command),
                      "/etc/postfix-a: /usr/sbin/postfix -- " + std::string(command),
                      "/etc/postfix: /usr/sbin/postfix -- " + std::string(command),
                  }))
            << command;
    }
}

TEST(PlanIterationTest, ControlCommandsSkipDisabledInstancesInForwardOrder) {
    const HostState state = sample_host();
    for (const char* command : {"reload", "flush"}) {
        EXPECT_EQ(runs(iterate(state, {"-p", command})),
                  (Strings{
                      "/etc/postfix: /usr/sbin/postfix -- " + std::string(command),
                      "/etc/postfix-a: /usr/sbin/postfix -- " + std::string(command),
                      "/etc/postfix-c: /usr/sbin/postfix -- " + std::string(command),
                  }))
            << command;
    }
}

TEST(PlanIterationTest, OtherCommandsRunForEveryInstance) {
    const HostState state = sample_host();
    for (const char* command : {"status", "check", "set-permissions", "upgrade-configuration"}) {
        EXPECT_EQ(runs(iterate(state, {"-p", command})),
                  (Strings{
                      "/etc/postfix: /usr/sbin/postfix -- " + std::string(command),
                      "/etc/postfix-a: /usr/sbin/postfix -- " + std::string(command),
                      "/etc/postfix-b: /usr/sbin/postfix -- " + std::string(command),
                      "/etc/postfix-c: /usr/sbin/postfix -- " + std::string(command),
                  }))
            << command;
    }
}

TEST(PlanIterationTest, CommandClassIsDecidedByTheFirstWordOnly) {
    const HostState state = sample_host();
    EXPECT_EQ(runs(iterate(state, {"-p", "status", "stop"})).size(), 4u);
    EXPECT_EQ(runs(iterate(state, {"-p", "-i", "b", "Start"})),
              Strings{"/etc/postfix-b: /usr/sbin/postfix -- Start"});
}

TEST(PlanIterationTest, StopOfADisabledInstanceMatchesNothing) {
    const HostState state = sample_host();
    const IterationPlan plan = iterate(state, {"-p", "-i", "b", "stop"});
    EXPECT_TRUE(plan.runs.empty());
    EXPECT_EQ(plan.fatal, "No matching instances");
}

TEST(PlanIterationTest, ReloadOfADisabledGroupMemberSkipsIt) {
    const HostState state = sample_host();
    EXPECT_EQ(runs(iterate(state, {"-p", "-g", "mta", "reload"})),
              Strings{"/etc/postfix-a: /usr/sbin/postfix -- reload"});
}

TEST(PlanIterationTest, StartOfADisabledInstanceChecksIt) {
    const HostState state = sample_host();
    EXPECT_EQ(runs(iterate(state, {"-p", "-i", "postfix-b", "start"})),
              Strings{"/etc/postfix-b: /usr/sbin/postfix -- check"});
}

TEST(PlanIterationTest, ReverseRequestDoesNotChangePostfixOrder) {
    // The parser refuses -R with -p; postmulti's command classes set the order regardless.
    const HostState state = sample_host();
    Request r = request({"-p", "status"});
    r.reverse = true;
    EXPECT_EQ(runs(plan_iteration(state, r)).front(), "/etc/postfix: /usr/sbin/postfix -- status");
}

TEST(PlanIterationTest, PostfixIsRunFromTheCommandDirectory) {
    HostState state = sample_host();
    state.shared.command_directory = "/opt/postfix/sbin";
    EXPECT_EQ(runs(iterate(state, {"-p", "-i", "-", "status"})),
              Strings{"/etc/postfix: /opt/postfix/sbin/postfix -- status"});
}

TEST(PlanIterationTest, CustomStartCommands) {
    HostState state = sample_host();
    state.start_commands = {"begin", "launch"};
    EXPECT_EQ(runs(iterate(state, {"-p", "-g", "mta", "launch"})),
              (Strings{"/etc/postfix-a: /usr/sbin/postfix -- launch",
                       "/etc/postfix-b: /usr/sbin/postfix -- check"}));
    // start is no longer a start command: disabled instances run it as is.
    EXPECT_EQ(runs(iterate(state, {"-p", "-g", "mta", "start"})),
              (Strings{"/etc/postfix-a: /usr/sbin/postfix -- start",
                       "/etc/postfix-b: /usr/sbin/postfix -- start"}));
}

TEST(PlanIterationTest, CustomStopCommands) {
    HostState state = sample_host();
    state.stop_commands = {"halt"};
    EXPECT_EQ(runs(iterate(state, {"-p", "-g", "mta", "halt"})),
              Strings{"/etc/postfix-a: /usr/sbin/postfix -- halt"});
    EXPECT_EQ(runs(iterate(state, {"-p", "stop"})),
              (Strings{"/etc/postfix: /usr/sbin/postfix -- stop",
                       "/etc/postfix-a: /usr/sbin/postfix -- stop",
                       "/etc/postfix-b: /usr/sbin/postfix -- stop",
                       "/etc/postfix-c: /usr/sbin/postfix -- stop"}));
}

TEST(PlanIterationTest, CustomControlCommands) {
    HostState state = sample_host();
    state.control_commands = {"poke"};
    EXPECT_EQ(runs(iterate(state, {"-p", "-g", "mta", "poke"})),
              Strings{"/etc/postfix-a: /usr/sbin/postfix -- poke"});
    EXPECT_EQ(runs(iterate(state, {"-p", "-g", "mta", "reload"})).size(), 2u);
}

TEST(PlanIterationTest, StartClassWinsOverStopAndControlClasses) {
    HostState state = sample_host();
    state.start_commands = {"x"};
    state.stop_commands = {"x"};
    state.control_commands = {"x"};
    EXPECT_EQ(runs(iterate(state, {"-p", "-g", "mta", "x"})),
              (Strings{"/etc/postfix-a: /usr/sbin/postfix -- x",
                       "/etc/postfix-b: /usr/sbin/postfix -- check"}));
}

TEST(PlanIterationTest, StopClassWinsOverControlClass) {
    HostState state = sample_host();
    state.control_commands = {"stop"};
    EXPECT_EQ(runs(iterate(state, {"-p", "-g", "mta", "stop"})),
              Strings{"/etc/postfix-a: /usr/sbin/postfix -- stop"});
    EXPECT_EQ(runs(iterate(state, {"-p", "stop"})).front(),
              "/etc/postfix-c: /usr/sbin/postfix -- stop");
}

TEST(PlanIterationTest, EmptyCommandListsMakeEveryCommandOrdinary) {
    HostState state = sample_host();
    state.start_commands.clear();
    state.stop_commands.clear();
    state.control_commands.clear();
    EXPECT_EQ(runs(iterate(state, {"-p", "-g", "mta", "stop"})),
              (Strings{"/etc/postfix-a: /usr/sbin/postfix -- stop",
                       "/etc/postfix-b: /usr/sbin/postfix -- stop"}));
}

// --- -x ---------------------------------------------------------------------------------------

TEST(PlanIterationTest, ExecRunsTheCommandForEveryInstanceDisabledIncluded) {
    const HostState state = sample_host();
    EXPECT_EQ(runs(iterate(state, {"-x", "postqueue", "-p"})),
              (Strings{"/etc/postfix: postqueue -p", "/etc/postfix-a: postqueue -p",
                       "/etc/postfix-b: postqueue -p", "/etc/postfix-c: postqueue -p"}));
}

TEST(PlanIterationTest, ExecWithReverseRunsBackwards) {
    const HostState state = sample_host();
    EXPECT_EQ(runs(iterate(state, {"-x", "-R", "true"})),
              (Strings{"/etc/postfix-c: true", "/etc/postfix-b: true", "/etc/postfix-a: true",
                       "/etc/postfix: true"}));
}

TEST(PlanIterationTest, ExecStopIsAnOrdinaryCommand) {
    const HostState state = sample_host();
    EXPECT_EQ(runs(iterate(state, {"-x", "-g", "mta", "stop"})),
              (Strings{"/etc/postfix-a: stop", "/etc/postfix-b: stop"}));
}

TEST(PlanIterationTest, ExecExportsTheInstancesParameters) {
    const HostState state = sample_host();
    const IterationPlan plan = iterate(state, {"-x", "-i", "a", "env"});
    ASSERT_EQ(plan.runs.size(), 1u);
    EXPECT_EQ(plan.runs[0].environment, (Environment{
                                            {"MAIL_CONFIG", "/etc/postfix-a"},
                                            {"daemon_directory", "/usr/lib/postfix/sbin"},
                                            {"command_directory", "/usr/sbin"},
                                            {"config_directory", "/etc/postfix-a"},
                                            {"queue_directory", "/var/spool/postfix-a"},
                                            {"data_directory", "/var/lib/postfix-a"},
                                            {"multi_instance_name", "postfix-a"},
                                            {"multi_instance_group", "mta"},
                                            {"multi_instance_enable", "yes"},
                                        }));
    EXPECT_TRUE(plan.runs[0].prepend_command_directory);
    EXPECT_EQ(plan.runs[0].argv, Strings{"env"});
}

TEST(PlanIterationTest, ExecExportsEmptyNameAndGroupAndDisabledAsNo) {
    HostState state = sample_host();
    state.instances[3].enabled = false;
    const IterationPlan plan = iterate(state, {"-x", "-i", "/etc/postfix-c", "env"});
    ASSERT_EQ(plan.runs.size(), 1u);
    EXPECT_EQ(plan.runs[0].environment, (Environment{
                                            {"MAIL_CONFIG", "/etc/postfix-c"},
                                            {"daemon_directory", "/usr/lib/postfix/sbin"},
                                            {"command_directory", "/usr/sbin"},
                                            {"config_directory", "/etc/postfix-c"},
                                            {"queue_directory", "/var/spool/postfix-c"},
                                            {"data_directory", "/var/lib/postfix-c"},
                                            {"multi_instance_name", ""},
                                            {"multi_instance_group", ""},
                                            {"multi_instance_enable", "no"},
                                        }));
}

TEST(PlanIterationTest, ExecOfADisabledInstanceRunsIt) {
    const HostState state = sample_host();
    EXPECT_EQ(runs(iterate(state, {"-x", "-i", "b", "true"})), Strings{"/etc/postfix-b: true"});
}

// --- selection --------------------------------------------------------------------------------

TEST(PlanIterationTest, NoSelectionMeansAll) {
    const HostState state = sample_host();
    EXPECT_EQ(iterate(state, {"-x", "true"}).runs.size(), 4u);
    EXPECT_EQ(iterate(state, {"-x", "-a", "true"}).runs.size(), 4u);
}

TEST(PlanIterationTest, NoMatchIsFatal) {
    const HostState state = sample_host();
    for (const Strings& arguments :
         {Strings{"-x", "-i", "nosuch", "true"}, Strings{"-x", "-g", "nosuch", "true"},
          Strings{"-p", "-g", "none", "status"}}) {
        const IterationPlan plan = iterate(state, arguments);
        EXPECT_TRUE(plan.runs.empty());
        EXPECT_EQ(plan.fatal, "No matching instances");
    }
}

TEST(PlanIterationTest, StopWithEveryInstanceDisabledMatchesNothing) {
    HostState state = sample_host();
    for (Instance& i : state.instances)
        i.enabled = false;
    EXPECT_EQ(iterate(state, {"-p", "stop"}).fatal, "No matching instances");
    EXPECT_EQ(iterate(state, {"-p", "reload"}).fatal, "No matching instances");
    EXPECT_EQ(iterate(state, {"-p", "start"}).runs.size(), 4u);
}

}  // namespace
}  // namespace pmr::postmulti
