// Summaries count each kind of step apart and never say more was done than was (#13).
#include "core/plan/plan_summary.h"

#include <gtest/gtest.h>

namespace pmr::plan {
namespace {

Plan plan_of(std::initializer_list<StepKind> kinds, int refusals = 0) {
    Plan plan;
    for (StepKind kind : kinds) {
        Step step;
        step.kind = kind;
        plan.steps.push_back(step);
    }
    for (int i = 0; i < refusals; ++i) {
        plan.refusals.push_back({"postfix-q", "/etc/postfix-q", "why"});
    }
    return plan;
}

TEST(PlanSummaryTest, EachKindIsCountedApart) {
    const Summary s = summarize(plan_of(
        {StepKind::init, StepKind::stop, StepKind::disable, StepKind::destroy, StepKind::deport,
         StepKind::deport, StepKind::assign, StepKind::create, StepKind::import,
         StepKind::configure, StepKind::reorder, StepKind::enable, StepKind::reload},
        1));
    EXPECT_EQ(s.create, 1);
    EXPECT_EQ(s.import, 1);
    EXPECT_EQ(s.change, 6);  // init, disable, assign, configure, reorder, enable
    EXPECT_EQ(s.deport, 2);
    EXPECT_EQ(s.destroy, 1);
    EXPECT_EQ(s.refused, 1);
    EXPECT_EQ(s.stop, 1);
    EXPECT_EQ(s.start, 0);
    EXPECT_EQ(s.restart, 0);
}

TEST(PlanSummaryTest, StartsStopsAndRestartsAreCountedWhenThereAreAny) {
    const Summary s = summarize(plan_of({StepKind::stop, StepKind::configure, StepKind::restart,
                                         StepKind::reload, StepKind::start, StepKind::start}));
    EXPECT_EQ(plan_summary_line(s),
              "Plan: 0 to create, 1 to change, 0 to destroy, 2 to start, 1 to stop, 1 to "
              "restart.");
    EXPECT_EQ(apply_complete_line(s),
              "Apply complete: 0 created, 1 changed, 0 destroyed, 2 started, 1 stopped, 1 "
              "restarted.");
}

TEST(PlanSummaryTest, CreateChangeAndDestroyAlwaysShowTheRestWhenThereAreAny) {
    EXPECT_EQ(plan_summary_line(summarize(plan_of({StepKind::configure}))),
              "Plan: 0 to create, 1 to change, 0 to destroy.");
    EXPECT_EQ(plan_summary_line({1, 1, 2, 2, 0, 0, 0, 0, 1}),
              "Plan: 1 to create, 1 to import, 2 to change, 2 to deport, 0 to destroy, 1 refused.");
}

TEST(PlanSummaryTest, TwoDeportsAreNotDestroys) {
    const Summary s = summarize(plan_of({StepKind::disable, StepKind::deport, StepKind::deport}));
    EXPECT_EQ(plan_summary_line(s), "Plan: 0 to create, 1 to change, 2 to deport, 0 to destroy.");
    EXPECT_EQ(apply_complete_line(s),
              "Apply complete: 0 created, 1 changed, 2 deported, 0 destroyed.");
}

TEST(PlanSummaryTest, OnlyRefusalsSaySo) {
    EXPECT_EQ(plan_summary_line(summarize(plan_of({}, 2))),
              "Plan: 0 to create, 0 to change, 0 to destroy, 2 refused.");
}

TEST(PlanSummaryTest, ImportsAreNotCreates) {
    EXPECT_EQ(apply_complete_line(summarize(plan_of({StepKind::import, StepKind::configure}))),
              "Apply complete: 0 created, 1 imported, 1 changed, 0 destroyed.");
}

TEST(PlanSummaryTest, AStoppedApplySaysHowFarItGot) {
    EXPECT_EQ(
        apply_stopped_line(0, 1, "refused to destroy postfix-q (/etc/postfix-q): why"),
        "Apply stopped after 0 of 1 step: refused to destroy postfix-q (/etc/postfix-q): why");
    EXPECT_EQ(apply_stopped_line(2, 5, "step 3 (...) failed: no"),
              "Apply stopped after 2 of 5 steps: step 3 (...) failed: no");
}

}  // namespace
}  // namespace pmr::plan
