// The reloads an apply that stopped leaves owing (#13): the planner carries them, and the
// ledger of an apply in progress keeps them until their reload succeeds.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/plan/owed_ledger.h"
#include "core/plan/plan_json.h"
#include "core/plan/plan_text.h"
#include "core/plan/staleness.h"
#include "plan_test_support.h"

namespace pmr::plan {
namespace {

using namespace testing;  // NOLINT: the fakes of plan_test_support.h
using lifecycle::OwedKind;
using lifecycle::OwedWork;
using Strings = std::vector<std::string>;

const std::string unchanged_yaml = "version: 1\ninstances:\n  - name: postfix-a\n";

Plan plan_owing(const TestHost& host, const std::string& yaml, std::vector<OwedWork> owed) {
    const PlanResult result = make_plan(read_manifest(yaml), host.host(), defaults(), owed);
    if (!result.plan) {
        ADD_FAILURE() << ::testing::PrintToString(messages(result.problems));
        return {};
    }
    return *result.plan;
}

TestHost running_a(bool running = true) {
    TestHost host;
    host.initialised().secondary({.name = "postfix-a", .enabled = true, .running = running});
    return host;
}

const OwedWork owed_a{OwedKind::reload, "/etc/postfix-a"};
const std::string owed_note =
    "postfix-a (/etc/postfix-a) still owes a reload: an earlier apply changed its configuration "
    "and stopped before the reload succeeded.";

TEST(OwedReloadTest, ARunningInstanceThatOwesAReloadGetsOneWithANote) {
    const Plan plan = plan_owing(running_a(), unchanged_yaml, {owed_a});
    EXPECT_EQ(outline(plan), (Strings{"reload postfix-a"}));
    EXPECT_EQ(plan.notes, (Strings{owed_note}));
    EXPECT_NE(render_text(plan, TextStyle{false}).find(owed_note), std::string::npos);
    const std::string json = render_json(plan, {});
    EXPECT_NE(json.find("\"kind\":\"reload\""), std::string::npos) << json;
    EXPECT_NE(json.find(owed_note), std::string::npos) << json;
}

TEST(OwedReloadTest, WithoutOwedWorkTheSameHostPlansNothing) {
    const Plan plan = plan_owing(running_a(), unchanged_yaml, {});
    EXPECT_TRUE(plan.empty());
    EXPECT_TRUE(plan.notes.empty());
}

TEST(OwedReloadTest, AnOwedReloadAndThisPlansOwnChangeMakeOneReload) {
    const Plan plan = plan_owing(
        running_a(), "version: 1\ninstances:\n  - name: postfix-a\n    parameters: {biff: no}\n",
        {owed_a});
    EXPECT_EQ(outline(plan), (Strings{"configure postfix-a", "reload postfix-a"}));
    EXPECT_EQ(plan.notes, (Strings{owed_note}));
}

TEST(OwedReloadTest, AStoppedOrVanishedInstanceOwesNothing) {
    EXPECT_TRUE(plan_owing(running_a(false), unchanged_yaml, {owed_a}).empty());
    EXPECT_TRUE(
        plan_owing(running_a(), unchanged_yaml, {OwedWork{OwedKind::reload, "/etc/postfix-gone"}})
            .empty());
}

TEST(OwedReloadTest, ASavedPlanWithoutTheOwedReloadIsStale) {
    const TestHost host = running_a();
    const Plan reviewed = plan_owing(host, unchanged_yaml, {});
    const Plan fresh = plan_owing(host, unchanged_yaml, {owed_a});
    const HostRecord record{{{"/etc/postfix/main.cf", "sha256:01"}}, {"/etc/postfix-a"}};
    const PlanOrigin origin{"m.yaml", unchanged_yaml, "/etc/postfix", fingerprint_of(record),
                            record};
    Diagnostics problems;
    const auto saved = read_saved_plan(render_json(reviewed, origin), "plan.json", problems);
    ASSERT_TRUE(saved);
    const Strings changes = staleness(*saved, fresh, origin);
    ASSERT_FALSE(changes.empty());
    EXPECT_NE(std::ranges::find(changes, "+ 1. reload postfix-a (/etc/postfix-a)"), changes.end())
        << ::testing::PrintToString(changes);
    EXPECT_TRUE(staleness(*saved, reviewed, origin).empty());
}

Step step_of(StepKind kind, const std::string& directory, std::vector<lifecycle::Operation> ops) {
    return Step{kind, directory, directory, {}, std::move(ops)};
}

Plan edit_then_reload() {
    Plan plan;
    plan.steps.push_back(step_of(StepKind::configure, "/etc/postfix-a",
                                 {lifecycle::EditMainCf{"/etc/postfix-a/main.cf",
                                                        {{maincf::EditKind::set, "biff", "no"}}}}));
    plan.steps.push_back(step_of(StepKind::configure, "/etc/postfix-b",
                                 {lifecycle::EditMainCf{"/etc/postfix-b/main.cf",
                                                        {{maincf::EditKind::set, "biff", "no"}}}}));
    plan.steps.push_back(
        step_of(StepKind::reload, "/etc/postfix-a",
                {lifecycle::RunPostfix{"/etc/postfix-a", lifecycle::PostfixCommand::reload}}));
    return plan;
}

TEST(OwedLedgerTest, AnEditOwesThePlannedReloadFromItsStartUntilTheReloadSucceeds) {
    const Plan plan = edit_then_reload();
    OwedLedger ledger(plan, {});
    EXPECT_TRUE(ledger.owed().empty());
    ledger.begin(plan.steps[0]);  // owed already while the edit runs: it may die half way
    EXPECT_EQ(ledger.owed(), (std::vector<OwedWork>{owed_a}));
    ledger.complete(plan.steps[0]);
    ledger.begin(plan.steps[1]);  // postfix-b is not running: no reload planned, nothing owed
    ledger.complete(plan.steps[1]);
    ledger.begin(plan.steps[2]);  // a failed reload leaves it owed
    EXPECT_EQ(ledger.owed(), (std::vector<OwedWork>{owed_a}));
    ledger.complete(plan.steps[2]);
    EXPECT_TRUE(ledger.owed().empty());
}

TEST(OwedLedgerTest, CarriedWorkIsKeptOnlyWhereThePlanStillReloads) {
    const Plan plan = edit_then_reload();
    const OwedLedger ledger(plan, {owed_a, OwedWork{OwedKind::reload, "/etc/postfix-gone"}});
    EXPECT_EQ(ledger.owed(), (std::vector<OwedWork>{owed_a}));
}

}  // namespace
}  // namespace pmr::plan
