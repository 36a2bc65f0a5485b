#include "core/plan/saved_plan.h"

#include <gtest/gtest.h>

#include "core/plan/plan_json.h"

namespace pmr::plan {
namespace {

using Strings = std::vector<std::string>;

Strings messages(const Diagnostics& problems) {
    Strings out;
    for (const Diagnostic& d : problems)
        out.push_back(d.to_string());
    return out;
}

TEST(SavedPlanTest, ReadsBackTheOriginOfAPlanItRendered) {
    Plan plan;
    plan.steps.push_back(
        {StepKind::create,
         "postfix-a",
         "/etc/postfix-a",
         {{"multi_instance_name", std::nullopt, "postfix-a"}},
         {lifecycle::RunPostfix{"/etc/postfix-a", lifecycle::PostfixCommand::reload}}});
    plan.refusals.push_back({"postfix-b", "/etc/postfix-b", "not destroyed: \"mail\""});
    const PlanOrigin origin{
        "/srv/in \"stances\".yaml", "version: 1\ninstances:\n  - name: \"a\\b\"\n", "/etc/postfix",
        "sha256:0123abcd",
        HostRecord{{{"/etc/postfix/main.cf", "sha256:aa"}, {"/etc/postfix-a/main.cf", "sha256:bb"}},
                   {"/etc/postfix-a"}}};
    Diagnostics problems;
    const auto read = read_saved_plan(render_json(plan, origin), "plan.json", problems);
    ASSERT_TRUE(read) << ::testing::PrintToString(messages(problems));
    EXPECT_TRUE(problems.empty());
    EXPECT_EQ(read->origin.manifest_path, origin.manifest_path);
    EXPECT_EQ(read->origin.manifest_text, origin.manifest_text);
    EXPECT_EQ(read->origin.config_directory, origin.config_directory);
    EXPECT_EQ(read->origin.fingerprint, origin.fingerprint);
    EXPECT_TRUE(read->has_host_record);
    EXPECT_EQ(read->origin.host, origin.host);
}

TEST(SavedPlanTest, ReadsBackTheStepsAndRefusalsItRendered) {
    Plan plan;
    plan.steps.push_back(
        {StepKind::configure,
         "postfix-a",
         "/etc/postfix-a",
         {{"relayhost", "[old]", std::nullopt}, {"biff", std::nullopt, "no \"x\""}},
         {lifecycle::EditMainCf{"/etc/postfix-a/main.cf",
                                {{maincf::EditKind::remove, "relayhost", ""}}}}});
    plan.steps.push_back({StepKind::reorder, "-", "/etc/postfix", {}, {}});
    plan.refusals.push_back({"postfix-b", "/etc/postfix-b", "not destroyed: 1 message"});
    Diagnostics problems;
    const auto read = read_saved_plan(render_json(plan, {}), "plan.json", problems);
    ASSERT_TRUE(read) << ::testing::PrintToString(messages(problems));
    const std::vector<StepRecord> expected = step_records(plan);
    ASSERT_EQ(read->steps.size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(read->steps[i].headline, expected[i].headline);
        EXPECT_EQ(read->steps[i].changes, expected[i].changes);
        EXPECT_EQ(read->steps[i].operations, expected[i].operations);
        EXPECT_EQ(read->steps[i].digest, expected[i].digest);
    }
    EXPECT_EQ(read->steps[0].headline, "configure postfix-a (/etc/postfix-a)");
    EXPECT_EQ(read->steps[0].changes,
              (Strings{"relayhost: \"[old]\" -> (unset)", "biff: (unset) -> \"no \\\"x\\\"\""}));
    EXPECT_EQ(read->steps[1].headline, "reorder - (/etc/postfix)");
    EXPECT_EQ(read->refusals, (Strings{"refused: destroy postfix-b (/etc/postfix-b)"}));
}

TEST(SavedPlanTest, ANewerMinorVersionIsRead) {
    Diagnostics problems;
    const auto read = read_saved_plan(
        "{\"format_version\":\"1.7\",\"fingerprint\":\"sha256:ff\",\"new_field\":[1,2],"
        "\"origin\":{\"manifest_path\":\"m\",\"manifest\":\"version: 1\\n\","
        "\"config_directory\":\"/etc/postfix\",\"also_new\":true}}",
        "plan.json", problems);
    ASSERT_TRUE(read) << ::testing::PrintToString(messages(problems));
    EXPECT_EQ(read->origin.fingerprint, "sha256:ff");
    EXPECT_FALSE(read->has_host_record);
    EXPECT_TRUE(read->steps.empty());
}

TEST(SavedPlanTest, AnotherMajorVersionIsRefused) {
    Diagnostics problems;
    EXPECT_FALSE(
        read_saved_plan("{\"format_version\":\"2.0\",\"origin\":{}}", "plan.json", problems));
    EXPECT_EQ(messages(problems),
              (Strings{"plan.json: saved plan format_version 2.0 is not supported (this "
                       "pmreconcile reads 1.x)"}));
}

TEST(SavedPlanTest, WhatIsNotASavedPlanIsRefused) {
    for (const char* text : {"{}", "[]", "version: 1\n", "{\"format_version\":\"1.0\"}", ""}) {
        Diagnostics problems;
        EXPECT_FALSE(read_saved_plan(text, "plan.json", problems)) << text;
        EXPECT_EQ(messages(problems),
                  (Strings{"plan.json: not a pmreconcile saved plan (no format_version and "
                           "origin)"}))
            << text;
    }
}

TEST(SavedPlanTest, AnUnreadableFileIsRefusedWithTheReason) {
    Diagnostics problems;
    EXPECT_FALSE(
        read_saved_plan("{\"format_version\": \"1.0\", \"origin\": [", "plan.json", problems));
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_TRUE(problems[0].to_string().starts_with("plan.json: not a readable saved plan: "))
        << problems[0].to_string();
    Diagnostics missing;
    EXPECT_FALSE(read_saved_plan("{\"format_version\":\"1.0\",\"origin\":{\"manifest\":\"x\"}}",
                                 "plan.json", missing));
    ASSERT_EQ(missing.size(), 1u);
    EXPECT_TRUE(missing[0].to_string().starts_with("plan.json: not a readable saved plan: "))
        << missing[0].to_string();
}

}  // namespace
}  // namespace pmr::plan
