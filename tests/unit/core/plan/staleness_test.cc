#include "core/plan/staleness.h"

#include <gtest/gtest.h>

#include "core/plan/plan_json.h"

namespace pmr::plan {
namespace {

using Strings = std::vector<std::string>;

Step stop(const std::string& name) {
    return {StepKind::stop,
            name,
            "/etc/" + name,
            {},
            {lifecycle::RunPostfix{"/etc/" + name, lifecycle::PostfixCommand::stop}}};
}
Step disable(const std::string& name) {
    return {StepKind::disable,
            name,
            "/etc/" + name,
            {{"multi_instance_enable", "yes", "no"}},
            {lifecycle::EditMainCf{"/etc/" + name + "/main.cf",
                                   {{maincf::EditKind::set, "multi_instance_enable", "no"}}}}};
}
Step destroy(const std::string& name) {
    return {
        StepKind::destroy, name, "/etc/" + name, {}, {lifecycle::RemoveDirectory{"/etc/" + name}}};
}
Step reorder(const std::string& before, const std::string& after) {
    return {
        StepKind::reorder,
        "-",
        "/etc/postfix",
        {{"multi_instance_directories", before, after}},
        {lifecycle::EditMainCf{"/etc/postfix/main.cf",
                               {{maincf::EditKind::set, "multi_instance_directories", after}}}}};
}

/// A plan of these steps and refusals.
Plan plan_of(std::vector<Step> steps, std::vector<Refusal> refusals = {}) {
    Plan plan;
    plan.steps = std::move(steps);
    plan.refusals = std::move(refusals);
    return plan;
}

const HostRecord host{
    {{"/etc/postfix/main.cf", "sha256:01"}, {"/etc/postfix-q/main.cf", "sha256:02"}},
    {"/etc/postfix-q"}};

/// `plan` saved against `record`, read back as apply reads it.
SavedPlan saved(const Plan& plan, const HostRecord& record = host) {
    const PlanOrigin origin{"m.yaml", "version: 1\n", "/etc/postfix", fingerprint_of(record),
                            record};
    Diagnostics problems;
    auto read = read_saved_plan(render_json(plan, origin), "plan.json", problems);
    if (!read)
        throw std::runtime_error("not read back");
    return *read;
}

PlanOrigin now(const HostRecord& record = host) {
    return {"m.yaml", "version: 1\n", "/etc/postfix", fingerprint_of(record), record};
}

TEST(StalenessTest, TheSamePlanOnTheSameHostHolds) {
    const Plan plan = plan_of({stop("postfix-q"), disable("postfix-q"), destroy("postfix-q")});
    EXPECT_EQ(staleness(saved(plan), plan, now()), Strings{});
    EXPECT_EQ(staleness(saved(Plan{}), Plan{}, now()), Strings{});
}

TEST(StalenessTest, ARefusalInsteadOfTheReviewedStepsIsAStepDiff) {
    // A message arrived: the destroy is refused, and the stop and disable are not planned.
    const Plan reviewed = plan_of({stop("postfix-q"), disable("postfix-q"), destroy("postfix-q")});
    const Plan fresh = plan_of({}, {{"postfix-q", "/etc/postfix-q", "not destroyed: 1 message"}});
    EXPECT_EQ(
        staleness(saved(reviewed), fresh, now()),
        (Strings{"steps that would now differ (- saved, + now):",
                 "- 1. stop postfix-q (/etc/postfix-q)", "- 2. disable postfix-q (/etc/postfix-q)",
                 "-        multi_instance_enable: \"yes\" -> \"no\"",
                 "- 3. destroy postfix-q (/etc/postfix-q)",
                 "+ refused: destroy postfix-q (/etc/postfix-q)"}));
}

TEST(StalenessTest, AnAddedStepIsShownWithTheNumbersOfEachSide) {
    const Plan reviewed = plan_of({stop("postfix-a"), disable("postfix-a"), destroy("postfix-a")});
    const Plan fresh = plan_of({stop("postfix-a"), disable("postfix-a"), reorder("x y", "y x")});
    EXPECT_EQ(staleness(saved(reviewed), fresh, now()),
              (Strings{"steps that would now differ (- saved, + now):",
                       "- 3. destroy postfix-a (/etc/postfix-a)", "+ 3. reorder - (/etc/postfix)",
                       "+        multi_instance_directories: \"x y\" -> \"y x\""}));
    const Plan inserted = plan_of(
        {reorder("x y", "y x"), stop("postfix-a"), disable("postfix-a"), destroy("postfix-a")});
    EXPECT_EQ(
        staleness(saved(reviewed), inserted, now()),
        (Strings{"steps that would now differ (- saved, + now):", "+ 1. reorder - (/etc/postfix)",
                 "+        multi_instance_directories: \"x y\" -> \"y x\""}));
}

TEST(StalenessTest, OtherOperationsUnderTheSameLinesAreADifferenceToo) {
    const Plan reviewed = plan_of({destroy("postfix-a")});
    Plan fresh = reviewed;
    fresh.steps[0].operations.push_back(lifecycle::RemoveFile{"/etc/postfix-a/extra"});
    EXPECT_EQ(staleness(saved(reviewed), fresh, now()),
              (Strings{"steps that would now differ (- saved, + now):",
                       "- 1. destroy postfix-a (/etc/postfix-a)",
                       "+ 1. destroy postfix-a (/etc/postfix-a) (other operations)"}));
    // Contents the descriptions leave out are covered by the digest.
    const Plan with_file =
        plan_of({{StepKind::create,
                  "postfix-a",
                  "/etc/postfix-a",
                  {},
                  {lifecycle::InstallFile{"/etc/postfix-a/main.cf", "one\n", 0644}}}});
    Plan other_file = with_file;
    std::get<lifecycle::InstallFile>(other_file.steps[0].operations[0]).content = "two\n";
    EXPECT_EQ(staleness(saved(with_file), other_file, now()).size(), 3u);
}

TEST(StalenessTest, NamesTheFilesThatChangedAndTheInstancesStartedOrStopped) {
    const Plan plan = plan_of({destroy("postfix-a")});
    HostRecord changed = host;
    changed.file_digests["/etc/postfix/main.cf"] = "sha256:ff";
    changed.file_digests.erase("/etc/postfix-q/main.cf");
    changed.file_digests["/etc/postfix-n/main.cf"] = "sha256:03";
    changed.running = {"/etc/postfix", "/etc/postfix-n"};
    EXPECT_EQ(staleness(saved(plan), plan, now(changed)),
              (Strings{"gone: /etc/postfix-q/main.cf", "changed: /etc/postfix/main.cf",
                       "new: /etc/postfix-n/main.cf", "started: /etc/postfix",
                       "started: /etc/postfix-n", "stopped: /etc/postfix-q"}));
}

TEST(StalenessTest, APlanOfFormatVersionOneZeroSaysOnlyThatTheFilesChanged) {
    SavedPlan old = saved(Plan{});
    old.has_host_record = false;
    old.origin.host = {};
    HostRecord changed = host;
    changed.file_digests["/etc/postfix/main.cf"] = "sha256:ff";
    EXPECT_EQ(staleness(old, Plan{}, now(changed)),
              (Strings{"changed: the host's main.cf files (this saved plan does not record "
                       "which: it is of format_version 1.0)"}));
}

TEST(StalenessTest, ALongDiffIsCutShort) {
    Plan reviewed, fresh;
    for (int i = 0; i < 30; ++i)
        reviewed.steps.push_back(stop("postfix-" + std::to_string(i)));
    const auto lines = staleness(saved(reviewed), fresh, now(), 20);
    ASSERT_EQ(lines.size(), 22u);
    EXPECT_EQ(lines.back(), "... and 10 more lines");
}

}  // namespace
}  // namespace pmr::plan
