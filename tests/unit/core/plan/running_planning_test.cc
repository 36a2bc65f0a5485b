// `running: true|false` (#16): starts after creates, configuration and enables, in the start
// order (the primary, then multi_instance_directories); stops before removals and disables, in
// the reverse order; a restart instead of a reload when a parameter a reload does not apply
// changed; what an apply cut short owes.
#include <gtest/gtest.h>

#include "core/plan/metrics.h"
#include "core/plan/owed_ledger.h"
#include "core/plan/plan_json.h"
#include "core/plan/plan_summary.h"
#include "plan_test_support.h"

namespace pmr::plan {
namespace {

using namespace testing;  // NOLINT: the fakes of plan_test_support.h
using lifecycle::OwedKind;
using lifecycle::OwedWork;
using Strings = std::vector<std::string>;

Plan plan_for(const TestHost& host, const std::string& yaml, std::vector<OwedWork> owed = {}) {
    const PlanResult result = make_plan(read_manifest(yaml), host.host(), defaults(), owed);
    if (!result.plan) {
        ADD_FAILURE() << "no plan: " << ::testing::PrintToString(messages(result.problems));
        return {};
    }
    return *result.plan;
}

/// Applies the plan to a copy of the host and plans again: nothing must be left to do.
void expect_converges(const TestHost& host, const std::string& yaml, const Plan& plan) {
    lifecycle::SimulatedHost after = host.host();
    const auto error = apply_plan(after, plan);
    ASSERT_FALSE(error) << *error;
    const PlanResult again = make_plan(read_manifest(yaml), after, defaults());
    ASSERT_TRUE(again.plan) << ::testing::PrintToString(messages(again.problems));
    EXPECT_TRUE(again.plan->steps.empty()) << image(*again.plan);
}

/// postfix-a, postfix-b and postfix-c in that order, enabled, running as given.
TestHost three(bool running) {
    TestHost host;
    host.initialised()
        .primary_facts({.running = running})
        .secondary({.name = "postfix-a", .enabled = true, .running = running})
        .secondary({.name = "postfix-b", .enabled = true, .running = running})
        .secondary({.name = "postfix-c", .enabled = true, .running = running});
    return host;
}

const std::string all_running =
    "version: 1\nprimary:\n  running: true\ninstances:\n"
    "  - name: postfix-a\n    running: true\n"
    "  - name: postfix-b\n    running: true\n"
    "  - name: postfix-c\n    running: true\n";

TEST(RunningPlanningTest, StartsFollowTheManifestsOrderOnceReordered) {
    // The manifest lists postfix-c first: it is reordered, then started first of the three.
    const std::string yaml =
        "version: 1\ninstances:\n"
        "  - name: postfix-c\n    running: true\n"
        "  - name: postfix-a\n    running: true\n"
        "  - name: postfix-b\n    running: true\n";
    const Plan plan = plan_for(three(false), yaml);
    EXPECT_EQ(outline(plan),
              (Strings{"reorder -", "start postfix-c", "start postfix-a", "start postfix-b"}));
    expect_converges(three(false), yaml, plan);
}

TEST(RunningPlanningTest, StartsFollowMultiInstanceDirectoriesWithThePrimaryFirst) {
    const TestHost host = three(false);
    const std::string& yaml = all_running;
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(outline(plan),
              (Strings{"start -", "start postfix-a", "start postfix-b", "start postfix-c"}));
    EXPECT_EQ(operations(plan.steps[1]), (Strings{"postfix -c /etc/postfix-a start"}));
    const auto* run = std::get_if<lifecycle::RunPostfix>(&plan.steps[0].operations[0]);
    ASSERT_NE(run, nullptr);
    EXPECT_EQ(run->instance, "-");  // the unit postfix@-
    EXPECT_EQ(summarize(plan).start, 4);
    EXPECT_EQ(plan_summary_line(summarize(plan)),
              "Plan: 0 to create, 0 to change, 0 to destroy, 4 to start.");
    expect_converges(host, yaml, plan);
}

TEST(RunningPlanningTest, StopsGoInTheReverseOrderWithThePrimaryLast) {
    const TestHost host = three(true);
    const std::string yaml =
        "version: 1\nprimary:\n  running: false\ninstances:\n"
        "  - name: postfix-a\n    running: false\n"
        "  - name: postfix-b\n    running: false\n"
        "  - name: postfix-c\n    running: false\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(outline(plan),
              (Strings{"stop postfix-c", "stop postfix-b", "stop postfix-a", "stop -"}));
    EXPECT_EQ(plan_summary_line(summarize(plan)),
              "Plan: 0 to create, 0 to change, 0 to destroy, 4 to stop.");
    expect_converges(host, yaml, plan);
}

TEST(RunningPlanningTest, NothingIsStartedThatRunsAndNothingStoppedThatDoesNot) {
    EXPECT_TRUE(plan_for(three(true), all_running).empty());
    const std::string yaml =
        "version: 1\nprimary:\n  running: false\ninstances:\n"
        "  - name: postfix-a\n    running: false\n";
    EXPECT_TRUE(plan_for(three(false), yaml).empty());
}

TEST(RunningPlanningTest, LeftOutTheRunningStateIsNotManaged) {
    const std::string yaml = "version: 1\ninstances:\n  - name: postfix-a\n  - name: postfix-b\n";
    EXPECT_TRUE(plan_for(three(true), yaml).empty());
    EXPECT_TRUE(plan_for(three(false), yaml).empty());
}

TEST(RunningPlanningTest, ANewInstanceStartsAfterItsCreationConfigurationAndEnable) {
    TestHost host;
    host.initialised();
    const std::string yaml =
        "version: 1\ninstances:\n"
        "  - name: postfix-new\n    enable: true\n    running: true\n"
        "    parameters: {inet_interfaces: 127.0.0.1}\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(outline(plan), (Strings{"create postfix-new", "configure postfix-new",
                                      "enable postfix-new", "start postfix-new"}));
    expect_converges(host, yaml, plan);
}

TEST(RunningPlanningTest, ADisabledInstanceMayBeStartedWithPostfixMinusC) {
    TestHost host;
    host.initialised().secondary({.name = "postfix-a"});
    const std::string yaml =
        "version: 1\ninstances:\n  - name: postfix-a\n    enable: false\n    running: true\n";
    EXPECT_EQ(outline(plan_for(host, yaml)), (Strings{"start postfix-a"}));
}

TEST(RunningPlanningTest, StopsOfRemovalsAndOfRunningFalseShareTheReverseOrder) {
    TestHost host;
    host.initialised()
        .primary_facts({.running = true})
        .secondary({.name = "postfix-a", .enabled = true, .running = true})
        .secondary({.name = "postfix-b", .enabled = true, .running = true})
        .secondary({.name = "postfix-c", .enabled = true, .running = true});
    const std::string yaml =
        "version: 1\ninstances:\n"
        "  - name: postfix-a\n    state: absent\n"
        "  - name: postfix-b\n    enable: false\n"
        "  - name: postfix-c\n    running: false\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(outline(plan),
              (Strings{"stop postfix-c", "stop postfix-b", "stop postfix-a", "disable postfix-a",
                       "destroy postfix-a", "disable postfix-b"}));
    expect_converges(host, yaml, plan);
}

TEST(RunningPlanningTest, ARefusedDestroyDoesNotStopTheInstance) {
    TestHost host;
    host.initialised().secondary(
        {.name = "postfix-full", .enabled = true, .running = true, .queued = 2});
    const Plan plan =
        plan_for(host, "version: 1\ninstances:\n  - name: postfix-full\n    state: absent\n");
    EXPECT_TRUE(plan.steps.empty()) << image(plan);
    EXPECT_EQ(plan.refusals.size(), 1u);
}

TEST(RunningPlanningTest, AChangeOfInetInterfacesRestartsARunningInstance) {
    const TestHost host = three(true);
    const std::string yaml =
        "version: 1\ninstances:\n  - name: postfix-a\n    running: true\n"
        "    parameters: {inet_interfaces: 127.0.0.1}\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan), (Strings{"configure postfix-a", "restart postfix-a"}));
    EXPECT_EQ(operations(plan.steps[1]),
              (Strings{"postfix -c /etc/postfix-a stop", "postfix -c /etc/postfix-a start"}));
    EXPECT_EQ(symbol(plan.steps[1].kind), '!');
    EXPECT_EQ(plan_summary_line(summarize(plan)),
              "Plan: 0 to create, 1 to change, 0 to destroy, 1 to restart.");
    expect_converges(host, yaml, plan);
}

TEST(RunningPlanningTest, EveryParameterPostfixNeedsARestartForRestarts) {
    for (const auto& [name, value] : {std::pair{"inet_protocols", "ipv4"},
                                      std::pair{"daemon_directory", "/usr/lib/postfix/sbin2"},
                                      std::pair{"mail_owner", "postfix2"}}) {
        const std::string yaml =
            std::string("version: 1\nprimary:\n  parameters: {") + name + ": " + value + "}\n";
        EXPECT_EQ(outline(plan_for(three(true), yaml)), (Strings{"configure -", "restart -"}))
            << name;
    }
}

TEST(RunningPlanningTest, AnotherChangeReloads) {
    const TestHost host = three(true);
    const Plan plan = plan_for(host,
                               "version: 1\ninstances:\n  - name: postfix-a\n"
                               "    parameters: {myhostname: a.example}\n");
    EXPECT_EQ(outline(plan), (Strings{"configure postfix-a", "reload postfix-a"}));
}

TEST(RunningPlanningTest, AStoppedInstanceWhoseConfigurationChangesIsStartedNotRestarted) {
    const TestHost host = three(false);
    const std::string yaml =
        "version: 1\ninstances:\n  - name: postfix-a\n    running: true\n"
        "    parameters: {inet_interfaces: 127.0.0.1}\n";
    EXPECT_EQ(outline(plan_for(host, yaml)), (Strings{"configure postfix-a", "start postfix-a"}));
}

TEST(RunningPlanningTest, AnOwedRestartOfARunningInstanceIsARestart) {
    const Plan plan = plan_for(three(true), "version: 1\ninstances:\n  - name: postfix-a\n",
                               {OwedWork{OwedKind::restart, "/etc/postfix-a"}});
    EXPECT_EQ(outline(plan), (Strings{"restart postfix-a"}));
    EXPECT_EQ(plan.notes,
              (Strings{"postfix-a (/etc/postfix-a) still owes a restart: an earlier apply changed "
                       "its configuration and stopped before the restart succeeded."}));
}

TEST(RunningPlanningTest, ARestartCutShortAfterItsStopIsFinishedByAStart) {
    // Unmanaged running state: the owed restart starts what the restart stopped.
    const Plan plan = plan_for(three(false), "version: 1\ninstances:\n  - name: postfix-a\n",
                               {OwedWork{OwedKind::restart, "/etc/postfix-a"}});
    EXPECT_EQ(outline(plan), (Strings{"start postfix-a"}));
    EXPECT_EQ(plan.notes.size(), 1u);
    // `running: false` wins over the debt.
    EXPECT_TRUE(plan_for(three(false),
                         "version: 1\ninstances:\n  - name: postfix-a\n    running: false\n",
                         {OwedWork{OwedKind::restart, "/etc/postfix-a"}})
                    .steps.empty());
}

TEST(RunningPlanningTest, TheLedgerOwesARestartUntilTheStartThatEndsItSucceeds) {
    const TestHost host = three(true);
    const Plan plan = plan_for(host,
                               "version: 1\ninstances:\n  - name: postfix-a\n"
                               "    parameters: {inet_interfaces: 127.0.0.1}\n");
    ASSERT_EQ(outline(plan), (Strings{"configure postfix-a", "restart postfix-a"}));
    OwedLedger ledger(plan, {});
    ledger.begin(plan.steps[0]);
    ledger.complete(plan.steps[0]);
    EXPECT_EQ(ledger.owed(), (std::vector<OwedWork>{{OwedKind::restart, "/etc/postfix-a"}}));
    ledger.begin(plan.steps[1]);
    ledger.complete(plan.steps[1]);
    EXPECT_TRUE(ledger.owed().empty());

    // The restart stopped the instance and its start failed: the next plan starts it and pays.
    const Plan next = plan_for(three(false), "version: 1\ninstances:\n  - name: postfix-a\n",
                               {OwedWork{OwedKind::restart, "/etc/postfix-a"}});
    OwedLedger carried(next, {OwedWork{OwedKind::restart, "/etc/postfix-a"}});
    EXPECT_EQ(carried.owed().size(), 1u);
    carried.begin(next.steps[0]);
    carried.complete(next.steps[0]);
    EXPECT_TRUE(carried.owed().empty());
}

TEST(RunningPlanningTest, APlansJsonHasTheNewKindsAndCounts) {
    const Plan plan = plan_for(three(false), all_running);
    const std::string json = render_json(plan, {});
    EXPECT_NE(json.find("\"format_version\":\"1.4\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"kind\":\"start\""), std::string::npos) << json;
    EXPECT_NE(json.find("\"start\":4,\"stop\":0,\"restart\":0"), std::string::npos) << json;
}

TEST(RunningPlanningTest, MetricsSayWhichInstanceRunsAndWhichDrifts) {
    const TestHost host = three(false);
    const std::string yaml = "version: 1\ninstances:\n  - name: postfix-b\n    running: true\n";
    const Plan plan = plan_for(host, yaml);
    Diagnostics problems;
    const auto state = host.host().state(problems);
    ASSERT_TRUE(state);
    const std::set<std::string> running{"/etc/postfix-a"};
    const std::string text = render_prometheus(&plan, &*state, 1700000000, &running);
    EXPECT_NE(text.find("# TYPE pmreconcile_instance_running gauge\n"), std::string::npos);
    EXPECT_NE(text.find("pmreconcile_instance_running{postfix_instance=\"postfix-a\","
                        "config_directory=\"/etc/postfix-a\"} 1\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("pmreconcile_instance_running{postfix_instance=\"-\","
                        "config_directory=\"/etc/postfix\"} 0\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("pmreconcile_running_drift{postfix_instance=\"postfix-b\","
                        "config_directory=\"/etc/postfix-b\"} 1\n"),
              std::string::npos)
        << text;
    EXPECT_NE(text.find("pmreconcile_running_drift{postfix_instance=\"postfix-c\","
                        "config_directory=\"/etc/postfix-c\"} 0\n"),
              std::string::npos)
        << text;
}

}  // namespace
}  // namespace pmr::plan
