#include "core/plan/planner.h"

#include <gtest/gtest.h>

#include "core/plan/metrics.h"
#include "core/plan/plan_json.h"
#include "core/plan/plan_summary.h"
#include "core/plan/plan_text.h"
#include "core/plan/step_record.h"
#include "plan_test_support.h"

namespace pmr::plan {
namespace {

using namespace testing;  // NOLINT: the fakes of plan_test_support.h
using Strings = std::vector<std::string>;
using lifecycle::RuntimeFacts;

/// make_plan on a copy of the test host; the plan must be made.
Plan plan_for(const TestHost& host, const std::string& yaml) {
    const PlanResult result = make_plan(read_manifest(yaml), host.host(), defaults());
    if (!result.plan) {
        ADD_FAILURE() << "no plan: " << ::testing::PrintToString(messages(result.problems));
        return {};
    }
    EXPECT_TRUE(result.problems.empty()) << ::testing::PrintToString(messages(result.problems));
    return *result.plan;
}

/// The problems of a manifest that cannot be planned; there must be no plan.
Strings problems_for(const TestHost& host, const std::string& yaml) {
    const PlanResult result = make_plan(read_manifest(yaml), host.host(), defaults());
    EXPECT_FALSE(result.plan) << ::testing::PrintToString(outline(*result.plan));
    return messages(result.problems);
}

/// Applies the plan to a copy of the host and plans again: the host must then match.
void expect_converges(const TestHost& host, const std::string& yaml, const Plan& plan) {
    lifecycle::SimulatedHost after = host.host();
    const auto error = apply_plan(after, plan);
    ASSERT_FALSE(error) << *error;
    const PlanResult again = make_plan(read_manifest(yaml), after, defaults());
    ASSERT_TRUE(again.plan) << ::testing::PrintToString(messages(again.problems));
    EXPECT_TRUE(again.plan->steps.empty()) << image(*again.plan);
    EXPECT_EQ(again.plan->refusals.size(), plan.refusals.size());
}

/// The instance in `config_directory` after the plan has been applied to a copy of the host.
std::optional<instance::Instance> after_apply(const TestHost& host, const Plan& plan,
                                              const std::string& config_directory) {
    lifecycle::SimulatedHost after = host.host();
    if (auto error = apply_plan(after, plan)) {
        ADD_FAILURE() << *error;
        return std::nullopt;
    }
    Diagnostics problems;
    const auto state = after.state(problems);
    if (!state) {
        ADD_FAILURE() << ::testing::PrintToString(messages(problems));
        return std::nullopt;
    }
    const instance::Instance* found = state->find_by_config_directory(config_directory);
    if (found == nullptr)
        return std::nullopt;
    return *found;
}

TestHost one_secondary(Secondary s) {
    TestHost host;
    host.initialised().secondary(std::move(s));
    return host;
}

// --- the test host itself ---------------------------------------------------------------------

TEST(PlannerFixtureTest, TheDebianHostReadsLikePostmultiWouldReadIt) {
    TestHost host;
    host.initialised()
        .secondary({.name = "postfix-out", .group = "mta", .enabled = true})
        .secondary({.name = "postfix-in",
                    .config_directory = "/srv/in/etc",
                    .queue_directory = "/srv/in/spool",
                    .data_directory = "/srv/in/lib"});
    Diagnostics problems;
    const auto state = host.host().state(problems);
    ASSERT_TRUE(state) << ::testing::PrintToString(messages(problems));
    ASSERT_EQ(state->instances.size(), 3u);
    EXPECT_EQ(state->instances[1],
              (instance::Instance{"/etc/postfix-out", "/var/spool/postfix-out",
                                  "/var/lib/postfix-out", "postfix-out", "mta", true, false}));
    EXPECT_EQ(state->instances[2],
              (instance::Instance{"/srv/in/etc", "/srv/in/spool", "/srv/in/lib", "postfix-in", "",
                                  false, false}));
    EXPECT_EQ(state->multi_instance_enable, "yes");
    EXPECT_EQ(state->shared.meta_directory, "/etc/postfix");
}

// --- init ----------------------------------------------------------------------------------------

TEST(PlannerTest, AnEmptyManifestOnASingleInstanceHostChangesNothing) {
    TestHost host;
    const Plan plan = plan_for(host, "version: 1\n");
    EXPECT_TRUE(plan.empty()) << image(plan);
    EXPECT_EQ(render_text(plan, {}), "No changes: the host matches the manifest.\n");
}

TEST(PlannerTest, InitComesFirstWhenMultiInstanceSupportIsOff) {
    TestHost host;
    const std::string yaml = "version: 1\ninstances:\n  - name: postfix-out\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan), (Strings{"init -", "create postfix-out"}));
    const Step& init = plan.steps[0];
    EXPECT_EQ(init.config_directory, "/etc/postfix");
    EXPECT_EQ(init.changes, (std::vector<Change>{{"multi_instance_wrapper", std::nullopt,
                                                  "${command_directory}/postmulti -p --"},
                                                 {"multi_instance_enable", std::nullopt, "yes"}}));
    EXPECT_EQ(operations(init),
              (Strings{"edit /etc/postfix/main.cf: multi_instance_wrapper = "
                       "${command_directory}/postmulti -p --, multi_instance_enable = yes"}));
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, InitShowsTheValuesItReplaces) {
    TestHost host;
    host.primary_set({set("multi_instance_enable", "no"), set("multi_instance_wrapper", "")});
    const Plan plan = plan_for(host, "version: 1\ninstances:\n  - name: postfix-out\n");
    ASSERT_EQ(outline(plan), (Strings{"init -", "create postfix-out"}));
    EXPECT_EQ(
        plan.steps[0].changes,
        (std::vector<Change>{{"multi_instance_wrapper", "", "${command_directory}/postmulti -p --"},
                             {"multi_instance_enable", "no", "yes"}}));
}

TEST(PlannerTest, InitIsPlannedWhenOnlyTheWrapperIsSet) {
    TestHost host;
    host.primary_set({set("multi_instance_wrapper", "${command_directory}/postmulti -p --")});
    const Plan plan = plan_for(host, "version: 1\ninstances:\n  - name: postfix-out\n");
    ASSERT_EQ(outline(plan), (Strings{"init -", "create postfix-out"}));
    // Only what changes is shown; postmulti -e init still sets both.
    EXPECT_EQ(plan.steps[0].changes,
              (std::vector<Change>{{"multi_instance_enable", std::nullopt, "yes"}}));
    EXPECT_EQ(operations(plan.steps[0]),
              (Strings{"edit /etc/postfix/main.cf: multi_instance_wrapper = "
                       "${command_directory}/postmulti -p --, multi_instance_enable = yes"}));
}

TEST(PlannerTest, NoInitWhenNoInstanceIsWanted) {
    TestHost host;
    const Plan plan = plan_for(host,
                               "version: 1\nunmanaged: destroy\n"
                               "instances:\n  - name: postfix-old\n    state: absent\n");
    EXPECT_TRUE(plan.empty()) << image(plan);
}

TEST(PlannerTest, NoInitWhenAlreadyInitialised) {
    TestHost host;
    host.initialised();
    const Plan plan = plan_for(host, "version: 1\ninstances:\n  - name: postfix-out\n");
    EXPECT_EQ(outline(plan), (Strings{"create postfix-out"}));
}

// --- removals ------------------------------------------------------------------------------------

TEST(PlannerTest, ARunningEnabledInstanceIsStoppedThenDisabledThenDestroyed) {
    const TestHost host = one_secondary({.name = "postfix-old", .enabled = true, .running = true});
    const std::string yaml = "version: 1\ninstances:\n  - name: postfix-old\n    state: absent\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan),
              (Strings{"stop postfix-old", "disable postfix-old", "destroy postfix-old"}));
    EXPECT_EQ(operations(plan.steps[0]), (Strings{"postfix -c /etc/postfix-old stop"}));
    EXPECT_EQ(plan.steps[1].changes, (std::vector<Change>{{"multi_instance_enable", "yes", "no"}}));
    EXPECT_EQ(operations(plan.steps[1]),
              (Strings{"edit /etc/postfix-old/main.cf: multi_instance_enable = no"}));
    // RequireEmptyQueue comes first: mail may have arrived since the plan was made.
    EXPECT_EQ(operations(plan.steps[2]),
              (Strings{"check that the queue of /etc/postfix-old is empty",
                       "check that the instance in /etc/postfix-old is stopped",
                       "edit /etc/postfix/main.cf: multi_instance_directories = ",
                       "remove queue directory /var/spool/postfix-old and data directory "
                       "/var/lib/postfix-old",
                       "remove /etc/postfix-old/master.cf", "remove /etc/postfix-old/main.cf",
                       "remove directory /etc/postfix-old"}));
    EXPECT_EQ(plan.steps[2].config_directory, "/etc/postfix-old");
    EXPECT_EQ(summarize(plan).destroy, 1);
    EXPECT_EQ(summarize(plan).change, 1);
    EXPECT_EQ(summarize(plan).create, 0);
    expect_converges(host, yaml, plan);
    EXPECT_FALSE(after_apply(host, plan, "/etc/postfix-old"));
}

TEST(PlannerTest, ADestroyRemovesWhatTheStoppedMasterLeftButNeverMail) {
    TestHost host = one_secondary({.name = "postfix-old", .running = true});
    for (const char* path :
         {"/var/spool/postfix-old/pid/master.pid", "/var/spool/postfix-old/public/pickup",
          "/var/spool/postfix-old/private/smtp", "/var/lib/postfix-old/master.lock",
          "/var/lib/postfix-old/prng_exch",
          "/var/spool/postfix-old/deferred/A/A1B2C3",  // mail: never
          "/var/spool/postfix-old/private/sub/x",      // not directly in it
          "/var/spool/postfix-other/pid/master.pid"}) {
        host.host().put_file(path, "");
    }
    const Plan plan =
        plan_for(host, "version: 1\ninstances:\n  - name: postfix-old\n    state: absent\n");
    ASSERT_EQ(outline(plan), (Strings{"stop postfix-old", "destroy postfix-old"}));
    EXPECT_EQ(
        operations(plan.steps[1]),
        (Strings{"check that the queue of /etc/postfix-old is empty",
                 "check that the instance in /etc/postfix-old is stopped",
                 "edit /etc/postfix/main.cf: multi_instance_directories = ",
                 "remove /var/lib/postfix-old/master.lock", "remove /var/lib/postfix-old/prng_exch",
                 "remove /var/spool/postfix-old/pid/master.pid",
                 "remove /var/spool/postfix-old/private/smtp",
                 "remove /var/spool/postfix-old/public/pickup",
                 "remove queue directory /var/spool/postfix-old and data directory "
                 "/var/lib/postfix-old",
                 "remove /etc/postfix-old/master.cf", "remove /etc/postfix-old/main.cf",
                 "remove directory /etc/postfix-old"}));
}

TEST(PlannerTest, AStoppedDisabledInstanceIsOnlyDestroyed) {
    const TestHost host = one_secondary({.name = "postfix-old"});
    const Plan plan =
        plan_for(host, "version: 1\ninstances:\n  - name: postfix-old\n    state: absent\n");
    EXPECT_EQ(outline(plan), (Strings{"destroy postfix-old"}));
}

TEST(PlannerTest, ARunningDisabledInstanceIsStoppedButNotDisabled) {
    const TestHost host = one_secondary({.name = "postfix-old", .running = true});
    const Plan plan =
        plan_for(host, "version: 1\ninstances:\n  - name: postfix-old\n    state: absent\n");
    EXPECT_EQ(outline(plan), (Strings{"stop postfix-old", "destroy postfix-old"}));
}

TEST(PlannerTest, AStoppedEnabledInstanceIsDisabledButNotStopped) {
    const TestHost host = one_secondary({.name = "postfix-old", .enabled = true});
    const Plan plan =
        plan_for(host, "version: 1\ninstances:\n  - name: postfix-old\n    state: absent\n");
    EXPECT_EQ(outline(plan), (Strings{"disable postfix-old", "destroy postfix-old"}));
}

TEST(PlannerTest, AnAbsentInstanceThatIsNotThereIsNothingToDo) {
    const TestHost host = one_secondary({.name = "postfix-a"});
    const Plan plan =
        plan_for(host, "version: 1\ninstances:\n  - name: postfix-gone\n    state: absent\n");
    EXPECT_TRUE(plan.empty()) << image(plan);
}

TEST(PlannerTest, AnAbsentNameNoInstanceHasRemovesNoInstanceOfAnotherName) {
    // postfix-b lives where postfix-a would derive to; `postfix-a: absent` does not mean it.
    TestHost host;
    host.initialised().secondary({.name = "postfix-b", .config_directory = "/etc/postfix-a"});
    const Plan plan =
        plan_for(host, "version: 1\ninstances:\n  - name: postfix-a\n    state: absent\n");
    EXPECT_TRUE(plan.empty()) << image(plan);
}

TEST(PlannerTest, AnAbsentEntryMeansTheInstanceOfItsNameWhereverItLives) {
    TestHost host;
    host.initialised().secondary({.name = "postfix-a", .config_directory = "/srv/a"});
    const std::string yaml =
        "version: 1\ninstances:\n  - name: postfix-a\n    state: absent\n"
        "  - name: postfix-b\n    config_directory: /etc/postfix-a\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(outline(plan), (Strings{"destroy postfix-a", "create postfix-b"}));
    EXPECT_EQ(plan.steps[0].config_directory, "/srv/a");
    // Once it is gone, the same manifest means no instance by postfix-a, not postfix-b's
    // directory, where the name would derive to.
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, AnAbsentEntryWithAConfigDirectoryMeansTheInstanceThere) {
    TestHost host;
    host.initialised().secondary({.name = "postfix-b", .config_directory = "/etc/postfix-a"});
    const std::string yaml =
        "version: 1\ninstances:\n  - name: postfix-a\n    config_directory: /etc/postfix-a\n"
        "    state: absent\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(outline(plan), (Strings{"destroy postfix-b"}));
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, AnAbsentEntryNamingThePrimaryDirectoryNeverTouchesThePrimary) {
    const TestHost host = one_secondary({.name = "postfix-a"});
    const Plan plan = plan_for(host,
                               "version: 1\ninstances:\n  - name: postfix-x\n"
                               "    config_directory: /etc/postfix\n    state: absent\n");
    EXPECT_TRUE(plan.empty()) << image(plan);
}

TEST(PlannerTest, ADestroyIsRefusedWhileTheQueueHoldsMailAndNothingElseIsPlannedForIt) {
    TestHost host;
    host.initialised()
        .secondary({.name = "postfix-full", .enabled = true, .running = true, .queued = 3})
        .secondary({.name = "postfix-one", .queued = 1})
        .secondary({.name = "postfix-empty", .enabled = true});
    const std::string yaml =
        "version: 1\ninstances:\n"
        "  - name: postfix-full\n    state: absent\n"
        "  - name: postfix-one\n    state: absent\n"
        "  - name: postfix-empty\n    state: absent\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(outline(plan), (Strings{"disable postfix-empty", "destroy postfix-empty"}));
    ASSERT_EQ(plan.refusals.size(), 2u);
    EXPECT_EQ(plan.refusals[0].instance, "postfix-full");
    EXPECT_EQ(plan.refusals[0].config_directory, "/etc/postfix-full");
    EXPECT_EQ(plan.refusals[0].reason,
              "not destroyed: its queue holds 3 messages; the instance is left as it is");
    EXPECT_EQ(plan.refusals[1].instance, "postfix-one");
    EXPECT_EQ(plan.refusals[1].reason,
              "not destroyed: its queue holds 1 message; the instance is left as it is");
    expect_converges(host, yaml, plan);
    const auto full = after_apply(host, plan, "/etc/postfix-full");
    ASSERT_TRUE(full);
    EXPECT_TRUE(full->enabled);
}

TEST(PlannerTest, ARefusedDestroyLeavesTheInstancesPlaceFlagsAndFilesAsTheyAre) {
    // Listed first on the host, after the kept instance in the manifest: the refusal must not
    // move it to the end of multi_instance_directories (it would start last and stop first).
    TestHost host;
    host.initialised()
        .secondary({.name = "postfix-full", .enabled = true, .running = true, .queued = 1})
        .secondary({.name = "postfix-kept", .enabled = true});
    const std::string yaml =
        "version: 1\ninstances:\n"
        "  - name: postfix-kept\n    enable: true\n"
        "  - name: postfix-full\n    state: absent\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_TRUE(plan.steps.empty()) << image(plan);
    ASSERT_EQ(plan.refusals.size(), 1u);
    EXPECT_EQ(plan.refusals[0].instance, "postfix-full");
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, UnmanagedInstancesAreKeptByDefault) {
    TestHost host;
    host.initialised().secondary({.name = "postfix-other", .enabled = true, .running = true});
    const Plan plan = plan_for(host, "version: 1\ninstances: []\n");
    EXPECT_TRUE(plan.empty()) << image(plan);
}

TEST(PlannerTest, UnmanagedDeportStopsDisablesAndDeportsKeepingTheFiles) {
    TestHost host;
    host.initialised().secondary(
        {.name = "postfix-other", .enabled = true, .running = true, .queued = 2});
    const std::string yaml = "version: 1\nunmanaged: deport\ninstances: []\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan),
              (Strings{"stop postfix-other", "disable postfix-other", "deport postfix-other"}));
    EXPECT_TRUE(plan.refusals.empty());  // deporting keeps the mail
    EXPECT_EQ(plan.steps[2].changes, (std::vector<Change>{{"alternate_config_directories",
                                                           std::nullopt, "/etc/postfix-other"}}));
    EXPECT_EQ(operations(plan.steps[2]),
              (Strings{"check that the instance in /etc/postfix-other is stopped",
                       "edit /etc/postfix/main.cf: multi_instance_directories = , "
                       "alternate_config_directories =  /etc/postfix-other"}));
    // A deport keeps the files: it is no destroy.
    EXPECT_EQ(summarize(plan).deport, 1);
    EXPECT_EQ(summarize(plan).destroy, 0);
    expect_converges(host, yaml, plan);
    lifecycle::SimulatedHost after = host.host();
    ASSERT_FALSE(apply_plan(after, plan));
    EXPECT_TRUE(after.is_regular_file("/etc/postfix-other/main.cf"));
    EXPECT_TRUE(after.is_regular_file("/etc/postfix-other/master.cf"));
}

TEST(PlannerTest, UnmanagedDestroyDestroysEveryUnlistedSecondaryButNeverThePrimary) {
    TestHost host;
    host.initialised()
        .primary_facts({.running = true})
        .secondary({.name = "postfix-keep"})
        .secondary({.name = "postfix-x", .enabled = true})
        .secondary({.name = "",
                    .config_directory = "/srv/unnamed/etc",
                    .queue_directory = "/srv/unnamed/spool",
                    .data_directory = "/srv/unnamed/lib",
                    .queued = 5});
    const std::string yaml = "version: 1\nunmanaged: destroy\ninstances:\n  - name: postfix-keep\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(outline(plan), (Strings{"disable postfix-x", "destroy postfix-x"}));
    ASSERT_EQ(plan.refusals.size(), 1u);
    EXPECT_EQ(plan.refusals[0].instance, "/srv/unnamed/etc");  // unnamed: labelled by directory
    EXPECT_EQ(plan.refusals[0].reason,
              "not destroyed: its queue holds 5 messages; the instance is left as it is");
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, RemovalsComeBeforeEverythingElse) {
    TestHost host;
    host.initialised()
        .secondary({.name = "postfix-a", .running = true})
        .secondary({.name = "postfix-old", .enabled = true, .running = true});
    const std::string yaml =
        "version: 1\ninstances:\n"
        "  - name: postfix-a\n    enable: true\n    parameters: {myhostname: a.example}\n"
        "  - name: postfix-new\n"
        "  - name: postfix-old\n    state: absent\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(outline(plan),
              (Strings{"stop postfix-old", "disable postfix-old", "destroy postfix-old",
                       "create postfix-new", "configure postfix-a", "enable postfix-a",
                       "reload postfix-a"}));
    expect_converges(host, yaml, plan);
}

// --- disables ------------------------------------------------------------------------------------

TEST(PlannerTest, ADisableOfARunningInstanceStopsItFirst) {
    const TestHost host = one_secondary({.name = "postfix-a", .enabled = true, .running = true});
    const std::string yaml = "version: 1\ninstances:\n  - name: postfix-a\n    enable: false\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(outline(plan), (Strings{"stop postfix-a", "disable postfix-a"}));
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, DisablesComeBeforeRenames) {
    TestHost host;
    host.initialised()
        .secondary({.name = "postfix-a"})
        .secondary({.name = "postfix-b", .enabled = true});
    const std::string yaml =
        "version: 1\ninstances:\n"
        "  - name: postfix-z\n    config_directory: /etc/postfix-a\n"
        "  - name: postfix-b\n    enable: false\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(outline(plan), (Strings{"disable postfix-b", "assign postfix-a"}));
    expect_converges(host, yaml, plan);
}

// --- renames -------------------------------------------------------------------------------------

TEST(PlannerTest, ARenameIsAnAssignStepNotADestroyAndCreate) {
    const TestHost host = one_secondary({.name = "postfix-a", .group = "old"});
    const std::string yaml =
        "version: 1\ninstances:\n"
        "  - name: postfix-b\n    group: new\n    config_directory: /etc/postfix-a\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan), (Strings{"assign postfix-a"}));
    EXPECT_EQ(plan.steps[0].config_directory, "/etc/postfix-a");
    EXPECT_EQ(plan.steps[0].changes,
              (std::vector<Change>{{"multi_instance_name", "postfix-a", "postfix-b"},
                                   {"multi_instance_group", "old", "new"}}));
    EXPECT_EQ(operations(plan.steps[0]),
              (Strings{"edit /etc/postfix-a/main.cf: multi_instance_name = postfix-b, "
                       "multi_instance_group = new"}));
    EXPECT_EQ(summarize(plan).change, 1);
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, ARegroupAlone) {
    const TestHost host = one_secondary({.name = "postfix-a", .group = "old"});
    const std::string yaml = "version: 1\ninstances:\n  - name: postfix-a\n    group: new\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan), (Strings{"assign postfix-a"}));
    EXPECT_EQ(plan.steps[0].changes, (std::vector<Change>{{"multi_instance_group", "old", "new"}}));
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, AnEmptyGroupClearsTheGroupAndALeftOutGroupKeepsIt) {
    const TestHost host = one_secondary({.name = "postfix-a", .group = "old"});
    const std::string clear = "version: 1\ninstances:\n  - name: postfix-a\n    group: \"\"\n";
    const Plan plan = plan_for(host, clear);
    ASSERT_EQ(outline(plan), (Strings{"assign postfix-a"}));
    EXPECT_EQ(plan.steps[0].changes, (std::vector<Change>{{"multi_instance_group", "old", ""}}));
    expect_converges(host, clear, plan);
    EXPECT_TRUE(plan_for(host, "version: 1\ninstances:\n  - name: postfix-a\n").empty());
}

TEST(PlannerTest, AnUnnamedInstanceIsNamedThroughItsConfigDirectory) {
    const TestHost host = one_secondary({.name = "",
                                         .config_directory = "/srv/x/etc",
                                         .queue_directory = "/srv/x/spool",
                                         .data_directory = "/srv/x/lib"});
    const std::string yaml =
        "version: 1\ninstances:\n  - name: postfix-x\n    config_directory: /srv/x/etc/\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan), (Strings{"assign /srv/x/etc"}));
    EXPECT_EQ(plan.steps[0].changes,
              (std::vector<Change>{{"multi_instance_name", "", "postfix-x"}}));
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, RenamesComeBeforeCreatesSoANewInstanceCanTakeAFreedName) {
    const TestHost host = one_secondary({.name = "postfix-a"});
    const std::string yaml =
        "version: 1\ninstances:\n"
        "  - name: postfix-a\n    config_directory: /etc/postfix-new\n"
        "    queue_directory: /var/spool/postfix-new\n    data_directory: /var/lib/postfix-new\n"
        "  - name: postfix-b\n    config_directory: /etc/postfix-a\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan), (Strings{"assign postfix-a", "create postfix-a", "reorder -"}));
    EXPECT_EQ(plan.steps[1].config_directory, "/etc/postfix-new");
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, TwoInstancesSwapNamesThroughATemporaryName) {
    TestHost host;
    host.initialised()
        .secondary({.name = "postfix-a", .group = "ga"})
        .secondary({.name = "postfix-b", .group = "gb"});
    const std::string yaml =
        "version: 1\ninstances:\n"
        "  - name: postfix-b\n    group: gb\n    config_directory: /etc/postfix-a\n"
        "  - name: postfix-a\n    group: ga\n    config_directory: /etc/postfix-b\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan), (Strings{"assign postfix-a", "assign postfix-b",
                                      "assign postfix-pmreconcile-swap-1"}));
    EXPECT_EQ(plan.steps[0].config_directory, "/etc/postfix-a");
    EXPECT_EQ(
        plan.steps[0].changes,
        (std::vector<Change>{{"multi_instance_name", "postfix-a", "postfix-pmreconcile-swap-1"}}));
    EXPECT_EQ(plan.steps[1].config_directory, "/etc/postfix-b");
    EXPECT_EQ(plan.steps[1].changes,
              (std::vector<Change>{{"multi_instance_name", "postfix-b", "postfix-a"},
                                   {"multi_instance_group", "gb", "ga"}}));
    EXPECT_EQ(plan.steps[2].config_directory, "/etc/postfix-a");
    EXPECT_EQ(
        plan.steps[2].changes,
        (std::vector<Change>{{"multi_instance_name", "postfix-pmreconcile-swap-1", "postfix-b"},
                             {"multi_instance_group", "ga", "gb"}}));
    EXPECT_EQ(summarize(plan).change, 3);
    expect_converges(host, yaml, plan);
    const auto a = after_apply(host, plan, "/etc/postfix-a");
    ASSERT_TRUE(a);
    EXPECT_EQ(a->name, "postfix-b");
    EXPECT_EQ(a->group, "gb");
}

TEST(PlannerTest, ThreeInstancesRotateNamesThroughOneTemporaryName) {
    TestHost host;
    host.initialised()
        .secondary({.name = "postfix-a"})
        .secondary({.name = "postfix-b"})
        .secondary({.name = "postfix-c"});
    const std::string yaml =
        "version: 1\ninstances:\n"
        "  - name: postfix-b\n    config_directory: /etc/postfix-a\n"
        "  - name: postfix-c\n    config_directory: /etc/postfix-b\n"
        "  - name: postfix-a\n    config_directory: /etc/postfix-c\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(outline(plan), (Strings{"assign postfix-a", "assign postfix-c", "assign postfix-b",
                                      "assign postfix-pmreconcile-swap-1"}));
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, TwoSwapsUseTwoTemporaryNames) {
    TestHost host;
    host.initialised()
        .secondary({.name = "postfix-a"})
        .secondary({.name = "postfix-b"})
        .secondary({.name = "postfix-c"})
        .secondary({.name = "postfix-d"});
    const std::string yaml =
        "version: 1\ninstances:\n"
        "  - name: postfix-b\n    config_directory: /etc/postfix-a\n"
        "  - name: postfix-a\n    config_directory: /etc/postfix-b\n"
        "  - name: postfix-d\n    config_directory: /etc/postfix-c\n"
        "  - name: postfix-c\n    config_directory: /etc/postfix-d\n";
    const Plan plan = plan_for(host, yaml);
    int temporary = 0;
    for (const Step& s : plan.steps) {
        ASSERT_EQ(s.kind, StepKind::assign);
        for (const Change& c : s.changes) {
            if (c.after && c.after->starts_with("postfix-pmreconcile-swap-"))
                ++temporary;
        }
    }
    EXPECT_EQ(temporary, 2);
    EXPECT_EQ(plan.steps.size(), 6u);
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, ANameHeldByAnInstanceTheManifestDoesNotRenameIsAnErrorAtTheEntry) {
    TestHost host;
    host.initialised().secondary({.name = "postfix-a"}).secondary({.name = "postfix-b"});
    EXPECT_EQ(problems_for(host,
                           "version: 1\n"
                           "instances:\n"
                           "  - name: postfix-b\n"
                           "    config_directory: /etc/postfix-a\n"),
              (Strings{"instances.yaml:3:5: instance name 'postfix-b' is used by the instance in "
                       "/etc/postfix-b, which the manifest does not rename"}));
}

TEST(PlannerTest, ANameHeldByAnUnrenamedInstanceAlsoStopsACreate) {
    TestHost host;
    host.initialised().secondary({.name = "postfix-a"});
    EXPECT_EQ(problems_for(host,
                           "version: 1\n"
                           "instances:\n"
                           "  - name: postfix-x\n"
                           "  - name: postfix-a\n"
                           "    config_directory: /etc/postfix-other\n"
                           "    queue_directory: /var/spool/postfix-other\n"
                           "    data_directory: /var/lib/postfix-other\n"),
              (Strings{"instances.yaml:4:5: instance name 'postfix-a' is used by the instance in "
                       "/etc/postfix-a, which the manifest does not rename"}));
}

TEST(PlannerTest, ANameHeldByADeportedUnmanagedInstanceIsFreedFirst) {
    TestHost host;
    host.initialised().secondary({.name = "postfix-a"}).secondary({.name = "postfix-b"});
    const std::string yaml =
        "version: 1\nunmanaged: deport\ninstances:\n"
        "  - name: postfix-b\n    config_directory: /etc/postfix-a\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(outline(plan), (Strings{"deport postfix-b", "assign postfix-a"}));
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, ANameHeldByAnInstanceWhoseDestroyIsRefusedIsAnError) {
    TestHost host;
    host.initialised()
        .secondary({.name = "postfix-a"})
        .secondary({.name = "postfix-b", .queued = 1});
    const Strings problems = problems_for(host,
                                          "version: 1\nunmanaged: destroy\ninstances:\n"
                                          "  - name: postfix-b\n"
                                          "    config_directory: /etc/postfix-a\n");
    EXPECT_EQ(problems,
              (Strings{"instances.yaml:4:5: instance name 'postfix-b' is used by the "
                       "instance in /etc/postfix-b, which the manifest does not rename"}));
}

// --- two entries, one directory ------------------------------------------------------------------

TEST(PlannerTest, TwoEntriesThatMeanTheSameInstanceAreAnError) {
    // postfix-a lives in /etc/postfix-x: the first entry means it by name, the second by its
    // config directory. Renaming it and keeping its name cannot both be done.
    const TestHost host =
        one_secondary({.name = "postfix-a", .config_directory = "/etc/postfix-x"});
    EXPECT_EQ(problems_for(host,
                           "version: 1\n"
                           "instances:\n"
                           "  - name: postfix-a\n"
                           "  - name: postfix-c\n"
                           "    config_directory: /etc/postfix-x\n"),
              (Strings{"instances.yaml:4:5: postfix-c: the instance in /etc/postfix-x is also "
                       "meant by the entry of postfix-a at line 3"}));
}

TEST(PlannerTest, AnAbsentAndAPresentEntryThatMeanTheSameInstanceAreAnError) {
    const TestHost host =
        one_secondary({.name = "postfix-a", .config_directory = "/etc/postfix-x"});
    EXPECT_EQ(problems_for(host,
                           "version: 1\n"
                           "instances:\n"
                           "  - name: postfix-a\n"
                           "    state: absent\n"
                           "  - name: postfix-c\n"
                           "    config_directory: /etc/postfix-x\n"),
              (Strings{"instances.yaml:5:5: postfix-c: the instance in /etc/postfix-x is also "
                       "meant by the entry of postfix-a at line 3"}));
}

// --- creates and imports -------------------------------------------------------------------------

TEST(PlannerTest, ACreateInstallsThePrototypesLikePostmulti) {
    TestHost host;
    host.initialised();
    const std::string yaml = "version: 1\ninstances:\n  - name: postfix-out\n    group: mta\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan), (Strings{"create postfix-out"}));
    const Step& create = plan.steps[0];
    EXPECT_EQ(create.config_directory, "/etc/postfix-out");
    EXPECT_EQ(create.changes,
              (std::vector<Change>{{"multi_instance_name", std::nullopt, "postfix-out"},
                                   {"config_directory", std::nullopt, "/etc/postfix-out"},
                                   {"multi_instance_group", std::nullopt, "mta"},
                                   {"queue_directory", std::nullopt, "/var/spool/postfix-out"},
                                   {"data_directory", std::nullopt, "/var/lib/postfix-out"}}));
    EXPECT_EQ(
        operations(create),
        (Strings{"create directory /etc/postfix-out", "create directory /var/spool/postfix-out",
                 "create directory /var/lib/postfix-out", "install /etc/postfix-out/main.cf",
                 "install /etc/postfix-out/master.cf",
                 "edit /etc/postfix/main.cf: append /etc/postfix-out to "
                 "multi_instance_directories",
                 "set permissions of the instance in /etc/postfix-out"}));
    const auto& master = std::get<lifecycle::InstallFile>(create.operations[4]);
    EXPECT_EQ(master.content.str(), fixture("master.cf.proto"));
    const auto& main = std::get<lifecycle::InstallFile>(create.operations[3]);
    const maincf::MainCf cf = maincf::MainCf::parse(main.content.str(), main.path);
    EXPECT_EQ(cf.get("multi_instance_name"), "postfix-out");
    EXPECT_EQ(cf.get("multi_instance_group"), "mta");
    EXPECT_EQ(cf.get("queue_directory"), "/var/spool/postfix-out");
    EXPECT_EQ(cf.get("data_directory"), "/var/lib/postfix-out");
    EXPECT_EQ(cf.get("master_service_disable"), "inet");
    EXPECT_EQ(cf.get("authorized_submit_users"), "");
    EXPECT_EQ(cf.get("multi_instance_enable"), std::nullopt);  // disabled by default
    EXPECT_EQ(summarize(plan).create, 1);
    expect_converges(host, yaml, plan);
    const auto out = after_apply(host, plan, "/etc/postfix-out");
    ASSERT_TRUE(out);
    EXPECT_FALSE(out->enabled);
}

TEST(PlannerTest, ACreateTakesTheManifestsDirectories) {
    TestHost host;
    host.initialised();
    const std::string yaml =
        "version: 1\ninstances:\n  - name: postfix-out\n    config_directory: /srv/out/etc/\n"
        "    queue_directory: /srv/out/spool/\n    data_directory: /srv/out/lib\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan), (Strings{"create postfix-out"}));
    EXPECT_EQ(plan.steps[0].config_directory, "/srv/out/etc");
    const auto out = after_apply(host, plan, "/srv/out/etc");
    ASSERT_TRUE(out);
    EXPECT_EQ(out->queue_directory, "/srv/out/spool");
    EXPECT_EQ(out->data_directory, "/srv/out/lib");
    expect_converges(host, yaml, plan);
}

/// The multi_instance_directories each step of `plan` leaves ("" for a step that edits none),
/// the list being `before` when the plan starts.
Strings listed_directories(const Plan& plan, std::string before = "") {
    Strings lists;
    for (const Step& step : plan.steps) {
        std::string list;
        for (const lifecycle::Operation& op : step.operations) {
            const auto* edit = std::get_if<lifecycle::EditMainCf>(&op);
            if (edit == nullptr || edit->path != "/etc/postfix/main.cf")
                continue;
            for (const maincf::Edit& e : edit->edits) {
                if (e.name != "multi_instance_directories")
                    continue;
                const auto now = maincf::MainCf::parse(
                    "multi_instance_directories = " + before + "\n", "/etc/postfix/main.cf");
                list = before = maincf::value_after(now, e).value_or("");
            }
        }
        lists.push_back(list);
    }
    return lists;
}

// Creates in a row are planned against a state the planner extends instead of reading the host
// again: each still lists every instance before it, imports and later phases in between read
// the host as each create left it.
TEST(PlannerTest, CreatesInARowEachListEveryInstanceBeforeThem) {
    TestHost host;
    host.initialised().secondary({.name = "postfix-old"}).deported({.name = "postfix-imp"});
    const std::string yaml =
        "version: 1\ninstances:\n  - name: postfix-old\n  - name: postfix-a\n    enable: true\n"
        "  - name: postfix-b\n    parameters:\n      myhostname: b.example.com\n"
        "  - name: postfix-imp\n    config_directory: /etc/postfix-imp\n"
        "  - name: postfix-c\n    group: g\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan),
              (Strings{"create postfix-a", "create postfix-b", "import postfix-imp",
                       "create postfix-c", "configure postfix-b", "enable postfix-a"}));
    EXPECT_EQ(listed_directories(plan, "/etc/postfix-old"),
              (Strings{"/etc/postfix-old /etc/postfix-a",
                       "/etc/postfix-old /etc/postfix-a /etc/postfix-b",
                       "/etc/postfix-old /etc/postfix-a /etc/postfix-b /etc/postfix-imp",
                       "/etc/postfix-old /etc/postfix-a /etc/postfix-b /etc/postfix-imp "
                       "/etc/postfix-c",
                       "", ""}));
    expect_converges(host, yaml, plan);
    const auto c = after_apply(host, plan, "/etc/postfix-c");
    ASSERT_TRUE(c);
    EXPECT_EQ(c->group, "g");
}

TEST(PlannerTest, ACreateInARowThatAlsoDropsAnAlternateDirectoryKeepsTheOrderOfTheEdits) {
    TestHost host;
    host.initialised().primary_set({set("alternate_config_directories", "/etc/postfix-x /srv/y")});
    const std::string yaml =
        "version: 1\ninstances:\n  - name: postfix-a\n  - name: postfix-x\n  - name: postfix-b\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan), (Strings{"create postfix-a", "create postfix-x", "create postfix-b"}));
    EXPECT_EQ(listed_directories(plan), (Strings{"/etc/postfix-a", "/etc/postfix-a /etc/postfix-x",
                                                 "/etc/postfix-a /etc/postfix-x /etc/postfix-b"}));
    EXPECT_EQ(operations(plan.steps[1])[5],
              "edit /etc/postfix/main.cf: append /etc/postfix-x to multi_instance_directories, "
              "alternate_config_directories =  /srv/y");
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, CreatesWhereAPrimaryParameterNamesTheListAreStillPlannedStepByStep) {
    TestHost host;
    host.initialised().primary_set(
        {set("alternate_config_directories", "$multi_instance_directories")});
    const std::string yaml = "version: 1\ninstances:\n  - name: postfix-a\n  - name: postfix-b\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan), (Strings{"create postfix-a", "create postfix-b"}));
    EXPECT_EQ(listed_directories(plan),
              (Strings{"/etc/postfix-a", "/etc/postfix-a /etc/postfix-b"}));
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, ADirectoryWithMainCfAndMasterCfIsImported) {
    TestHost host;
    host.initialised().deported(
        {.name = "postfix-old", .group = "g", .enabled = true, .queue_directory = "/srv/spool"});
    const std::string yaml =
        "version: 1\ninstances:\n  - name: postfix-new\n    config_directory: /etc/postfix-old\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan), (Strings{"import postfix-new"}));
    // Every main.cf line the import changes, with its value now: the imported main.cf's own
    // name, renamed, and the primary's lists.
    EXPECT_EQ(plan.steps[0].changes,
              (std::vector<Change>{{"config_directory", std::nullopt, "/etc/postfix-old"},
                                   {"multi_instance_name", "postfix-old", "postfix-new"},
                                   {"multi_instance_directories", std::nullopt, "/etc/postfix-old"},
                                   {"alternate_config_directories", "/etc/postfix-old", ""}}));
    EXPECT_EQ(operations(plan.steps[0]),
              (Strings{"edit /etc/postfix-old/main.cf: multi_instance_name = postfix-new",
                       "edit /etc/postfix/main.cf: append /etc/postfix-old to "
                       "multi_instance_directories, alternate_config_directories = ",
                       "set permissions of the instance in /etc/postfix-old"}));
    EXPECT_EQ(summarize(plan).import, 1);
    EXPECT_EQ(summarize(plan).create, 0);
    expect_converges(host, yaml, plan);
    const auto imported = after_apply(host, plan, "/etc/postfix-old");
    ASSERT_TRUE(imported);
    // An import keeps what the manifest leaves out.
    EXPECT_EQ(imported->group, "g");
    EXPECT_TRUE(imported->enabled);
    EXPECT_EQ(imported->queue_directory, "/srv/spool");
}

TEST(PlannerTest, AnImportClearsTheGroupWhenTheManifestSaysSo) {
    TestHost host;
    host.initialised().deported({.name = "postfix-old", .group = "g"});
    const std::string yaml = "version: 1\ninstances:\n  - name: postfix-old\n    group: \"\"\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan), (Strings{"import postfix-old"}));
    // The regroup shows, the name (kept) does not.
    EXPECT_EQ(plan.steps[0].changes,
              (std::vector<Change>{{"config_directory", std::nullopt, "/etc/postfix-old"},
                                   {"multi_instance_group", "g", ""},
                                   {"multi_instance_directories", std::nullopt, "/etc/postfix-old"},
                                   {"alternate_config_directories", "/etc/postfix-old", ""}}));
    expect_converges(host, yaml, plan);
    const auto imported = after_apply(host, plan, "/etc/postfix-old");
    ASSERT_TRUE(imported);
    EXPECT_EQ(imported->group, "");
}

TEST(PlannerTest, AnImportedEnabledInstanceIsStoppedAndDisabledWhenTheManifestSaysSo) {
    TestHost host;
    host.initialised().deported({.name = "postfix-old", .enabled = true, .running = true});
    const std::string yaml = "version: 1\ninstances:\n  - name: postfix-old\n    enable: false\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(outline(plan),
              (Strings{"import postfix-old", "stop postfix-old", "disable postfix-old"}));
    expect_converges(host, yaml, plan);
    const auto imported = after_apply(host, plan, "/etc/postfix-old");
    ASSERT_TRUE(imported);
    EXPECT_FALSE(imported->enabled);
}

TEST(PlannerTest, AnImportedInstanceKeepsItsEnableFlagWhenTheManifestLeavesItOut) {
    TestHost host;
    host.initialised().deported({.name = "postfix-old", .enabled = true});
    const std::string yaml = "version: 1\ninstances:\n  - name: postfix-old\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(outline(plan), (Strings{"import postfix-old"}));
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, ADirectoryWithOnlyAMainCfIsNotImported) {
    TestHost host;
    host.initialised();
    host.host().put_file("/etc/postfix-half/main.cf", "queue_directory = /srv/half\n");
    const Plan plan = plan_for(host, "version: 1\ninstances:\n  - name: postfix-half\n");
    EXPECT_EQ(outline(plan), (Strings{"create postfix-half"}));
}

TEST(PlannerTest, CreatesAndImportsFollowTheManifestOrder) {
    TestHost host;
    host.initialised().deported({.name = "postfix-m"});
    const std::string yaml =
        "version: 1\ninstances:\n"
        "  - name: postfix-z\n  - name: postfix-m\n  - name: postfix-a\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(outline(plan), (Strings{"create postfix-z", "import postfix-m", "create postfix-a"}));
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, ACreateIntoADirectoryAnotherInstanceUsesIsAnError) {
    TestHost host;
    host.initialised().secondary({.name = "postfix-a"});
    const Strings problems = problems_for(host,
                                          "version: 1\ninstances:\n"
                                          "  - name: postfix-b\n"
                                          "    queue_directory: /var/spool/postfix-a\n");
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0],
              "instances.yaml: create postfix-b: instance /etc/postfix-b, "
              "queue_directory=/var/spool/postfix-a conflicts with instance /etc/postfix-a, "
              "queue_directory=/var/spool/postfix-a");
}

// --- parameters ----------------------------------------------------------------------------------

TEST(PlannerTest, ParametersAreSetAndRemovedWithTheirBeforeAndAfterValues) {
    const TestHost host = one_secondary(
        {.name = "postfix-a",
         .parameters = {{"myhostname", "old.example"}, {"relayhost", "[r]"}, {"biff", "no"}}});
    const std::string yaml =
        "version: 1\ninstances:\n  - name: postfix-a\n    parameters:\n"
        "      myhostname: new.example\n"          // changed
        "      relayhost: null\n"                  // removed
        "      biff: \"no\"\n"                     // unchanged
        "      relay_domains: null\n"              // removal of an unset parameter: nothing
        "      inet_interfaces: loopback-only\n";  // added
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan), (Strings{"configure postfix-a"}));
    EXPECT_EQ(plan.steps[0].changes,
              (std::vector<Change>{{"myhostname", "old.example", "new.example"},
                                   {"relayhost", "[r]", std::nullopt},
                                   {"inet_interfaces", std::nullopt, "loopback-only"}}));
    EXPECT_EQ(operations(plan.steps[0]),
              (Strings{"edit /etc/postfix-a/main.cf: myhostname = new.example, remove relayhost, "
                       "inet_interfaces = loopback-only"}));
    EXPECT_EQ(summarize(plan).change, 1);
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, ThePrimarysParametersAreConfiguredAsTheDashInstance) {
    TestHost host;
    const std::string yaml =
        "version: 1\nprimary:\n  parameters: {inet_interfaces: loopback-only, relayhost: null}\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan), (Strings{"configure -"}));
    EXPECT_EQ(plan.steps[0].config_directory, "/etc/postfix");
    EXPECT_EQ(plan.steps[0].changes,
              (std::vector<Change>{{"inet_interfaces", "all", "loopback-only"},
                                   {"relayhost", "", std::nullopt}}));
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, ANewInstancesParametersAreConfiguredAfterItIsCreated) {
    TestHost host;
    host.initialised();
    const std::string yaml =
        "version: 1\ninstances:\n  - name: postfix-out\n"
        "    parameters: {master_service_disable: \"\", myhostname: out.example}\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan), (Strings{"create postfix-out", "configure postfix-out"}));
    EXPECT_EQ(plan.steps[1].changes,
              (std::vector<Change>{{"master_service_disable", "inet", ""},
                                   {"myhostname", std::nullopt, "out.example"}}));
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, ChangingTheQueueDirectoryOfAnExistingInstanceIsRefused) {
    const TestHost host = one_secondary({.name = "postfix-a"});
    EXPECT_EQ(problems_for(host,
                           "version: 1\ninstances:\n"
                           "  - name: postfix-a\n"
                           "    queue_directory: /var/spool/elsewhere\n"),
              (Strings{"instances.yaml:3:5: postfix-a: changing queue_directory of an existing "
                       "instance (from /var/spool/postfix-a to /var/spool/elsewhere) is not "
                       "supported: stop it and move the directory by hand"}));
    EXPECT_EQ(problems_for(host,
                           "version: 1\ninstances:\n"
                           "  - name: postfix-a\n"
                           "    data_directory: /var/lib/elsewhere\n"),
              (Strings{"instances.yaml:3:5: postfix-a: changing data_directory of an existing "
                       "instance (from /var/lib/postfix-a to /var/lib/elsewhere) is not "
                       "supported: stop it and move the directory by hand"}));
    // The same directories, written with a trailing slash, are no change.
    EXPECT_TRUE(plan_for(host,
                         "version: 1\ninstances:\n  - name: postfix-a\n"
                         "    queue_directory: /var/spool/postfix-a/\n"
                         "    data_directory: /var/lib/postfix-a\n")
                    .empty());
}

// --- notes ---------------------------------------------------------------------------------------

TEST(PlannerTest, ARenameWithoutItsConfigDirectoryIsNotedWhereItCreatesASecondInstance) {
    const TestHost host = one_secondary({.name = "postfix-out", .enabled = true});
    const Plan plan = plan_for(host, "version: 1\ninstances:\n  - name: postfix-relay\n");
    EXPECT_EQ(outline(plan), (Strings{"create postfix-relay"}));
    EXPECT_EQ(plan.notes,
              (Strings{"postfix-out (/etc/postfix-out) is on the host but not in the manifest; to "
                       "rename it instead of creating postfix-relay, give config_directory: "
                       "/etc/postfix-out."}));
    EXPECT_NE(render_text(plan, {}).find("\n\nNote: " + plan.notes[0] + "\n\nPlan: "),
              std::string::npos)
        << render_text(plan, {});
}

TEST(PlannerTest, SeveralCreatesAndAnUnnamedInstanceAreNamedInTheNote) {
    TestHost host;
    host.initialised()
        .secondary({.name = "postfix-a"})
        .secondary({.name = "",
                    .config_directory = "/srv/p/etc",
                    .queue_directory = "/var/spool/p",
                    .data_directory = "/var/lib/p"});
    const Plan plan = plan_for(host,
                               "version: 1\ninstances:\n  - name: postfix-a\n"
                               "  - name: postfix-x\n  - name: postfix-y\n  - name: postfix-z\n");
    EXPECT_EQ(plan.notes,
              (Strings{"the instance in /srv/p/etc is on the host but not in the manifest; to "
                       "rename it instead of creating postfix-x, postfix-y or postfix-z, give that "
                       "entry config_directory: /srv/p/etc."}));
}

TEST(PlannerTest, NoNoteWithoutACreateOrWithoutAnUnlistedInstance) {
    TestHost host;
    host.initialised().secondary({.name = "postfix-a"}).secondary({.name = "postfix-b"});
    EXPECT_TRUE(plan_for(host, "version: 1\ninstances:\n  - name: postfix-a\n    enable: true\n")
                    .notes.empty());
    EXPECT_TRUE(plan_for(host,
                         "version: 1\ninstances:\n  - name: postfix-a\n  - name: postfix-b\n"
                         "  - name: postfix-c\n")
                    .notes.empty());
    // An absent entry is listed: destroying postfix-b and creating postfix-c is what was asked.
    EXPECT_TRUE(plan_for(host,
                         "version: 1\ninstances:\n  - name: postfix-a\n  - name: postfix-b\n"
                         "    state: absent\n  - name: postfix-c\n")
                    .notes.empty());
}

// --- order ---------------------------------------------------------------------------------------

TEST(PlannerTest, MultiInstanceDirectoriesFollowTheManifestWithKeptInstancesInPlace) {
    TestHost host;
    host.initialised()
        .secondary({.name = "postfix-c"})
        .secondary({.name = "postfix-u"})  // not listed: kept, where it is
        .secondary({.name = "postfix-a"});
    const std::string yaml = "version: 1\ninstances:\n  - name: postfix-a\n  - name: postfix-c\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan), (Strings{"reorder -"}));
    EXPECT_EQ(plan.steps[0].config_directory, "/etc/postfix");
    EXPECT_EQ(plan.steps[0].changes,
              (std::vector<Change>{{"multi_instance_directories",
                                    "/etc/postfix-c /etc/postfix-u /etc/postfix-a",
                                    "/etc/postfix-a /etc/postfix-u /etc/postfix-c"}}));
    EXPECT_EQ(operations(plan.steps[0]),
              (Strings{"edit /etc/postfix/main.cf: multi_instance_directories = /etc/postfix-a "
                       "/etc/postfix-u /etc/postfix-c"}));
    EXPECT_EQ(summarize(plan).change, 1);
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, ANewInstanceIsNotMovedBeforeKeptOnes) {
    TestHost host;
    host.initialised().secondary({.name = "postfix-u"});
    const std::string yaml = "version: 1\ninstances:\n  - name: postfix-n\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan), (Strings{"create postfix-n"}));
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, APartialManifestLeavesTheInstancesItDoesNotListWhereTheyAre) {
    TestHost host;
    host.initialised()
        .secondary({.name = "postfix-in"})
        .secondary({.name = "postfix-out"})
        .secondary({.name = "postfix-audit"});
    EXPECT_TRUE(plan_for(host, "version: 1\nunmanaged: keep\ninstances:\n  - name: postfix-audit\n")
                    .empty());
}

/// The new multi_instance_directories of a plan, or "" when it has no reorder step.
std::string new_order(const Plan& plan) {
    for (const Step& step : plan.steps) {
        if (step.kind == StepKind::reorder)
            return *step.changes.at(0).after;
    }
    return "";
}

TEST(PlannerTest, ANewInstanceGoesRightAfterTheInstanceListedBeforeIt) {
    TestHost host;
    host.initialised()
        .secondary({.name = "postfix-a"})
        .secondary({.name = "postfix-x"})  // unlisted
        .secondary({.name = "postfix-b"});
    const std::string yaml =
        "version: 1\ninstances:\n  - name: postfix-a\n  - name: postfix-n\n  - name: postfix-b\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(outline(plan), (Strings{"create postfix-n", "reorder -"}));
    EXPECT_EQ(new_order(plan), "/etc/postfix-a /etc/postfix-n /etc/postfix-x /etc/postfix-b");
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, ANewInstanceListedFirstGoesRightBeforeTheNextListedOne) {
    TestHost host;
    host.initialised().secondary({.name = "postfix-x"}).secondary({.name = "postfix-a"});
    const std::string yaml = "version: 1\ninstances:\n  - name: postfix-n\n  - name: postfix-a\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(new_order(plan), "/etc/postfix-x /etc/postfix-n /etc/postfix-a");
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, NewInstancesInARowFollowEachOtherWhereTheFirstGoes) {
    TestHost host;
    host.initialised()
        .secondary({.name = "postfix-x"})  // unlisted
        .secondary({.name = "postfix-a"})
        .secondary({.name = "postfix-b"});
    const std::string yaml =
        "version: 1\nunmanaged: keep\ninstances:\n  - name: postfix-n0\n  - name: postfix-n1\n"
        "  - name: postfix-a\n  - name: postfix-n2\n  - name: postfix-n3\n  - name: postfix-b\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(new_order(plan),
              "/etc/postfix-x /etc/postfix-n0 /etc/postfix-n1 /etc/postfix-a "
              "/etc/postfix-n2 /etc/postfix-n3 /etc/postfix-b");
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, NewInstancesAloneGoWherePostmultiPutsThemAtTheEnd) {
    TestHost host;
    host.initialised().secondary({.name = "postfix-x"}).secondary({.name = "postfix-y"});
    const std::string yaml = "version: 1\ninstances:\n  - name: postfix-n\n  - name: postfix-m\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(outline(plan), (Strings{"create postfix-n", "create postfix-m"}));
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, TheOrderAlreadyRightIsNoStep) {
    TestHost host;
    host.initialised().secondary({.name = "postfix-a"}).secondary({.name = "postfix-b"});
    EXPECT_TRUE(plan_for(host, "version: 1\ninstances:\n  - name: postfix-a\n  - name: postfix-b\n")
                    .empty());
}

// --- enables and reloads -------------------------------------------------------------------------

TEST(PlannerTest, EnablesComeLast) {
    TestHost host;
    host.initialised().secondary({.name = "postfix-b"}).secondary({.name = "postfix-a"});
    const std::string yaml =
        "version: 1\ninstances:\n"
        "  - name: postfix-a\n    enable: true\n"
        "  - name: postfix-b\n    enable: true\n    parameters: {myhostname: b.example}\n"
        "  - name: postfix-c\n    enable: true\n";
    const Plan plan = plan_for(host, yaml);
    ASSERT_EQ(outline(plan), (Strings{"create postfix-c", "configure postfix-b", "reorder -",
                                      "enable postfix-a", "enable postfix-b", "enable postfix-c"}));
    EXPECT_EQ(plan.steps[3].changes, (std::vector<Change>{{"multi_instance_enable", "no", "yes"}}));
    EXPECT_EQ(operations(plan.steps[3]),
              (Strings{"edit /etc/postfix-a/main.cf: multi_instance_enable = yes"}));
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, ReloadsOnlyRunningInstancesWhoseMainCfChanged) {
    TestHost host;
    host.initialised()
        .primary_facts({.running = true})
        .secondary({.name = "postfix-a", .enabled = true, .running = true})   // changed, running
        .secondary({.name = "postfix-b", .enabled = true})                    // changed, stopped
        .secondary({.name = "postfix-c", .enabled = true, .running = true})   // unchanged
        .secondary({.name = "postfix-d", .enabled = true, .running = true});  // renamed
    const std::string yaml =
        "version: 1\nprimary:\n  parameters: {myhostname: primary.example}\ninstances:\n"
        "  - name: postfix-a\n    parameters: {myhostname: a.example}\n"
        "  - name: postfix-b\n    parameters: {myhostname: b.example}\n"
        "  - name: postfix-c\n"
        "  - name: postfix-e\n    config_directory: /etc/postfix-d\n";
    const Plan plan = plan_for(host, yaml);
    EXPECT_EQ(outline(plan),
              (Strings{"assign postfix-d", "configure -", "configure postfix-a",
                       "configure postfix-b", "reload -", "reload postfix-a", "reload postfix-e"}));
    EXPECT_EQ(operations(plan.steps[5]), (Strings{"postfix -c /etc/postfix-a reload"}));
    EXPECT_EQ(summarize(plan).change, 4);  // stop and reload are not counted
    expect_converges(host, yaml, plan);
}

TEST(PlannerTest, AnEnableAloneIsNoReload) {
    const TestHost host = one_secondary({.name = "postfix-a", .running = true});
    const Plan plan =
        plan_for(host, "version: 1\ninstances:\n  - name: postfix-a\n    enable: true\n");
    EXPECT_EQ(outline(plan), (Strings{"enable postfix-a"}));
}

// --- the whole order, counts, and the renderings ------------------------------------------------

/// A host and manifest that use every kind of step.
struct Representative {
    TestHost host;
    std::string yaml =
        "version: 1\n"
        "unmanaged: deport\n"
        "primary:\n"
        "  parameters: {inet_interfaces: loopback-only}\n"
        "instances:\n"
        "  - name: postfix-out\n"  // new, first: it goes before postfix-in, a reorder
        "    group: mta\n"
        "    enable: true\n"
        "  - name: postfix-in\n"
        "    config_directory: /etc/postfix-mx\n"
        "    enable: true\n"
        "    parameters: {myhostname: \"mx \\\"1\\\"\"}\n"
        "  - name: postfix-old\n"
        "    state: absent\n"
        "  - name: postfix-full\n"
        "    state: absent\n";

    Representative() {
        host.secondary({.name = "postfix-old", .enabled = true, .running = true})
            .secondary({.name = "postfix-full", .queued = 2})
            .secondary({.name = "postfix-legacy"})
            .secondary({.name = "postfix-mx", .running = true})
            .primary_set({set("multi_instance_enable", "yes")});
    }
};

TEST(PlannerTest, EveryKindOfStepInItsPlace) {
    const Representative r;
    const Plan plan = plan_for(r.host, r.yaml);
    EXPECT_EQ(outline(plan),
              (Strings{"init -", "stop postfix-old", "disable postfix-old", "destroy postfix-old",
                       "deport postfix-legacy", "assign postfix-mx", "create postfix-out",
                       "configure -", "configure postfix-in", "reorder -", "enable postfix-out",
                       "enable postfix-in", "reload postfix-in"}));
    EXPECT_EQ(summarize(plan).create, 1);
    EXPECT_EQ(summarize(plan).change, 8);
    EXPECT_EQ(summarize(plan).deport, 1);
    EXPECT_EQ(summarize(plan).destroy, 1);
    EXPECT_EQ(summarize(plan).refused, 1);
    ASSERT_EQ(plan.refusals.size(), 1u);
    expect_converges(r.host, r.yaml, plan);
}

const char* const representative_text =
    "pmreconcile will perform these steps, in this order:\n"
    "\n"
    "  ~ 1. init - (/etc/postfix)\n"
    "        multi_instance_wrapper: (unset) -> \"${command_directory}/postmulti -p --\"\n"
    "  ! 2. stop postfix-old (/etc/postfix-old)\n"
    "  ~ 3. disable postfix-old (/etc/postfix-old)\n"
    "        multi_instance_enable: \"yes\" -> \"no\"\n"
    "  - 4. destroy postfix-old (/etc/postfix-old)\n"
    "  > 5. deport postfix-legacy (/etc/postfix-legacy)\n"
    "        alternate_config_directories: (unset) -> \"/etc/postfix-legacy\"\n"
    "  ~ 6. assign postfix-mx (/etc/postfix-mx)\n"
    "        multi_instance_name: \"postfix-mx\" -> \"postfix-in\"\n"
    "  + 7. create postfix-out (/etc/postfix-out)\n"
    "        multi_instance_name: (unset) -> \"postfix-out\"\n"
    "        config_directory: (unset) -> \"/etc/postfix-out\"\n"
    "        multi_instance_group: (unset) -> \"mta\"\n"
    "        queue_directory: (unset) -> \"/var/spool/postfix-out\"\n"
    "        data_directory: (unset) -> \"/var/lib/postfix-out\"\n"
    "  ~ 8. configure - (/etc/postfix)\n"
    "        inet_interfaces: \"all\" -> \"loopback-only\"\n"
    "  ~ 9. configure postfix-in (/etc/postfix-mx)\n"
    "        myhostname: (unset) -> \"mx \\\"1\\\"\"\n"
    "  ~ 10. reorder - (/etc/postfix)\n"
    "        multi_instance_directories: \"/etc/postfix-full /etc/postfix-mx /etc/postfix-out\" "
    "-> \"/etc/postfix-full /etc/postfix-out /etc/postfix-mx\"\n"
    "  ~ 11. enable postfix-out (/etc/postfix-out)\n"
    "        multi_instance_enable: \"no\" -> \"yes\"\n"
    "  ~ 12. enable postfix-in (/etc/postfix-mx)\n"
    "        multi_instance_enable: \"no\" -> \"yes\"\n"
    "  ! 13. reload postfix-in (/etc/postfix-mx)\n"
    "\n"
    "  ! refused: destroy postfix-full (/etc/postfix-full): not destroyed: its queue holds 2 "
    "messages; the instance is left as it is\n"
    "\n"
    "Note: postfix-legacy (/etc/postfix-legacy) is on the host but not in the manifest; to rename "
    "it instead of creating postfix-out, give config_directory: /etc/postfix-legacy.\n"
    "\n"
    "Plan: 1 to create, 8 to change, 1 to deport, 1 to destroy, 1 to stop, 1 refused.\n";

TEST(PlanTextTest, ARepresentativePlanWithoutColour) {
    const Representative r;
    EXPECT_EQ(render_text(plan_for(r.host, r.yaml), {.color = false}), representative_text);
}

TEST(PlanTextTest, ARepresentativePlanInColour) {
    const Representative r;
    std::string expected = representative_text;
    auto replace_marks = [&](const std::string& from, const std::string& to) {
        for (std::size_t at = expected.find(from); at != std::string::npos;
             at = expected.find(from, at + to.size())) {
            expected.replace(at, from.size(), to);
        }
    };
    replace_marks("  ~ ", "  \033[33m~\033[0m ");
    replace_marks("  ! refused", "  \033[31m!\033[0m refused");
    replace_marks("  ! ", "  \033[36m!\033[0m ");
    replace_marks("  - ", "  \033[31m-\033[0m ");
    replace_marks("  > ", "  \033[35m>\033[0m ");
    replace_marks("  + ", "  \033[32m+\033[0m ");
    EXPECT_EQ(render_text(plan_for(r.host, r.yaml), {.color = true}), expected);
}

TEST(PlanTextTest, OnlyRefusals) {
    Plan plan;
    plan.refusals.push_back({"postfix-a", "/etc/postfix-a", "not destroyed: reasons"});
    EXPECT_EQ(render_text(plan, {}),
              "  ! refused: destroy postfix-a (/etc/postfix-a): not destroyed: reasons\n"
              "\n"
              "Plan: 0 to create, 0 to change, 0 to destroy, 1 refused.\n");
}

TEST(PlanTextTest, ValuesAreQuotedWithEscapes) {
    EXPECT_EQ(show_value(std::nullopt), "(unset)");
    EXPECT_EQ(show_value(""), "\"\"");
    EXPECT_EQ(show_value("a \"b\" \\c"), "\"a \\\"b\\\" \\\\c\"");
}

TEST(PlanJsonTest, StepsSummaryAndOrigin) {
    const TestHost host = one_secondary({.name = "postfix-a", .running = true, .queued = 0});
    TestHost with_full = host;
    with_full.secondary({.name = "postfix-full", .queued = 1});
    const Plan plan =
        plan_for(with_full,
                 "version: 1\ninstances:\n"
                 "  - name: postfix-a\n    parameters: {relayhost: null, biff: \"no\"}\n"
                 "  - name: postfix-full\n    state: absent\n");
    const PlanOrigin origin{
        "in.yaml", "version: 1\n", "/etc/postfix", "sha256:00ff",
        HostRecord{{{"/etc/postfix/main.cf", "sha256:01"}, {"/etc/postfix-a/main.cf", "sha256:02"}},
                   {"/etc/postfix-a"}}};
    ASSERT_EQ(plan.steps.size(), 2u);
    EXPECT_EQ(
        render_json(plan, origin),
        "{\"format_version\":\"1.4\",\"fingerprint\":\"sha256:00ff\","
        "\"host\":{\"files\":{\"/etc/postfix-a/main.cf\":\"sha256:02\","
        "\"/etc/postfix/main.cf\":\"sha256:01\"},\"running\":[\"/etc/postfix-a\"]},"
        "\"changes\":true,"
        "\"summary\":{\"create\":0,\"import\":0,\"change\":1,\"deport\":0,\"destroy\":0,"
        "\"start\":0,\"stop\":0,\"restart\":0,\"refused\":1},"
        "\"steps\":["
        "{\"kind\":\"configure\",\"symbol\":\"~\",\"instance\":\"postfix-a\","
        "\"config_directory\":\"/etc/postfix-a\","
        "\"changes\":[{\"name\":\"biff\",\"before\":null,\"after\":\"no\"}],"
        "\"operations\":[\"edit /etc/postfix-a/main.cf: biff = no\"],"
        "\"digest\":\"" +
            operations_digest(plan.steps[0]) +
            "\"},"
            "{\"kind\":\"reload\",\"symbol\":\"!\",\"instance\":\"postfix-a\","
            "\"config_directory\":\"/etc/postfix-a\",\"changes\":[],"
            "\"operations\":[\"postfix -c /etc/postfix-a reload\"],"
            "\"digest\":\"" +
            operations_digest(plan.steps[1]) +
            "\"}],"
            "\"refusals\":[{\"instance\":\"postfix-full\",\"config_directory\":"
            "\"/etc/postfix-full\",\"reason\":\"not destroyed: its queue holds 1 message; the "
            "instance is left as it is\"}],\"notes\":[],"
            "\"origin\":{\"manifest_path\":\"in.yaml\",\"manifest\":\"version: 1\\n\","
            "\"config_directory\":\"/etc/postfix\"}}\n");
}

TEST(PlanJsonTest, AnEmptyPlanHasNoChanges) {
    EXPECT_EQ(render_json(Plan{}, {}),
              "{\"format_version\":\"1.4\",\"fingerprint\":\"\","
              "\"host\":{\"files\":{},\"running\":[]},\"changes\":false,"
              "\"summary\":{\"create\":0,\"import\":0,\"change\":0,\"deport\":0,\"destroy\":0,"
              "\"start\":0,\"stop\":0,\"restart\":0,\"refused\":0},"
              "\"steps\":[],\"refusals\":[],\"notes\":[],"
              "\"origin\":{\"manifest_path\":\"\",\"manifest\":\"\",\"config_directory\":\"\"}}\n");
}

TEST(MetricsTest, DriftPerInstanceStepsAndLastRun) {
    TestHost host;
    host.initialised()
        .secondary({.name = "postfix-a"})
        .secondary({.name = "postfix-b"})
        .secondary({.name = "",
                    .config_directory = "/srv/x\"y",
                    .queue_directory = "/srv/q",
                    .data_directory = "/srv/d",
                    .queued = 1});
    const Plan plan = plan_for(host,
                               "version: 1\nunmanaged: destroy\ninstances:\n"
                               "  - name: postfix-a\n    enable: true\n  - name: postfix-b\n");
    Diagnostics problems;
    const auto state = host.host().state(problems);
    ASSERT_TRUE(state);
    EXPECT_EQ(
        render_prometheus(&plan, &*state, 1700000000),
        "# HELP pmreconcile_drift Whether the Postfix instance differs from the manifest "
        "(1) or not (0).\n"
        "# TYPE pmreconcile_drift gauge\n"
        "pmreconcile_drift{postfix_instance=\"-\",config_directory=\"/etc/postfix\"} 0\n"
        "pmreconcile_drift{postfix_instance=\"postfix-a\",config_directory=\"/etc/postfix-a\"} 1\n"
        "pmreconcile_drift{postfix_instance=\"postfix-b\",config_directory=\"/etc/postfix-b\"} 0\n"
        "pmreconcile_drift{postfix_instance=\"-\",config_directory=\"/srv/x\\\"y\"} 1\n"
        "# HELP pmreconcile_drift_steps Steps pmreconcile apply would take.\n"
        "# TYPE pmreconcile_drift_steps gauge\n"
        "pmreconcile_drift_steps 1\n"
        "# HELP pmreconcile_last_run_success Whether the last check ran without error.\n"
        "# TYPE pmreconcile_last_run_success gauge\n"
        "pmreconcile_last_run_success 1\n"
        "# HELP pmreconcile_last_run_timestamp_seconds When the last check ran, in seconds "
        "since the epoch.\n"
        "# TYPE pmreconcile_last_run_timestamp_seconds gauge\n"
        "pmreconcile_last_run_timestamp_seconds 1700000000\n");
}

TEST(MetricsTest, AFailedCheckHasNoDriftLines) {
    EXPECT_EQ(render_prometheus(nullptr, nullptr, 5),
              "# HELP pmreconcile_last_run_success Whether the last check ran without error.\n"
              "# TYPE pmreconcile_last_run_success gauge\n"
              "pmreconcile_last_run_success 0\n"
              "# HELP pmreconcile_last_run_timestamp_seconds When the last check ran, in seconds "
              "since the epoch.\n"
              "# TYPE pmreconcile_last_run_timestamp_seconds gauge\n"
              "pmreconcile_last_run_timestamp_seconds 5\n");
}

// --- purity --------------------------------------------------------------------------------------

TEST(PlannerTest, PlanningNeverChangesTheCallersHostAndIsDeterministic) {
    const Representative r;
    const std::map<std::string, std::string> before = r.host.host().files();
    const manifest::Manifest m = read_manifest(r.yaml);
    const PlanResult first = make_plan(m, r.host.host(), defaults());
    const PlanResult second = make_plan(m, r.host.host(), defaults());
    EXPECT_EQ(r.host.host().files(), before);
    EXPECT_TRUE(r.host.host().facts("/etc/postfix-old").running);
    ASSERT_TRUE(first.plan && second.plan);
    EXPECT_EQ(image(*first.plan), image(*second.plan));
}

TEST(PlannerTest, AHostThatCannotBeReadIsAnError) {
    lifecycle::SimulatedHost empty("/etc/postfix", defaults());
    const PlanResult result = make_plan(read_manifest("version: 1\n"), empty, defaults());
    EXPECT_FALSE(result.plan);
    EXPECT_EQ(messages(result.problems),
              (Strings{"open /etc/postfix/main.cf: No such file or directory"}));
}

}  // namespace
}  // namespace pmr::plan
