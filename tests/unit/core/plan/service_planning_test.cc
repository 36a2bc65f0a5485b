#include <gtest/gtest.h>

#include "core/mastercf/views.h"
#include "core/plan/plan_json.h"
#include "core/plan/plan_text.h"
#include "core/plan/planner.h"
#include "plan_test_support.h"

namespace pmr::plan {
namespace {

using namespace testing;  // NOLINT: the fakes of plan_test_support.h
using Strings = std::vector<std::string>;

/// A host with one secondary, postfix-out, as postmulti creates it (master.cf is the prototype).
TestHost host_with_out(bool running = false) {
    TestHost host;
    host.initialised().secondary({.name = "postfix-out", .enabled = true, .running = running});
    return host;
}

std::string manifest_with(const std::string& services) {
    return "version: 1\ninstances:\n  - name: postfix-out\n    enable: true\n    services:\n" +
           services;
}

PlanResult plan_of(const lifecycle::SimulatedHost& host, const std::string& yaml) {
    return make_plan(read_manifest(yaml), host, defaults());
}

/// The plan; it must be made without problems.
Plan planned(const lifecycle::SimulatedHost& host, const std::string& yaml) {
    PlanResult result = plan_of(host, yaml);
    EXPECT_TRUE(result.plan) << ::testing::PrintToString(messages(result.problems));
    return result.plan ? *result.plan : Plan{};
}

Strings change_lines(const Step& step) {
    Strings out;
    for (const Change& change : step.changes)
        out.push_back(show_change(change));
    return out;
}

/// The master.cf of postfix-out after the plan, as `postconf -M` shows it.
std::string services_after(const lifecycle::SimulatedHost& host, const Plan& plan,
                           lifecycle::SimulatedHost* after_out = nullptr) {
    lifecycle::SimulatedHost after = host;
    if (auto error = apply_plan(after, plan)) {
        ADD_FAILURE() << *error;
        return {};
    }
    const std::string path = "/etc/postfix-out/master.cf";
    const std::string text = *after.file(path);
    if (after_out)
        *after_out = after;
    return mastercf::show_entries(mastercf::MasterCf::parse(text, path), mastercf::Folding::none);
}

/// Planning `services` for postfix-out, applying the plan and planning again finds nothing.
void expect_converges_with(const TestHost& host, const std::string& services) {
    lifecycle::SimulatedHost after = host.host();
    ASSERT_FALSE(apply_plan(after, planned(host.host(), manifest_with(services))));
    const Plan again = planned(after, manifest_with(services));
    EXPECT_TRUE(again.empty()) << image(again);
}

const std::string filter_service =
    "      127.0.0.1:10026/inet:\n"
    "        private: n\n"
    "        chroot: n\n"
    "        command: smtpd\n"
    "        options:\n"
    "          content_filter: \"\"\n"
    "          smtpd_authorized_xforward_hosts: 127.0.0.0/8\n"
    "      smtp/inet: {state: absent}\n";

TEST(ServicePlanningTest, ANewServiceAndARemovalAreOneConfigureStep) {
    const TestHost host = host_with_out();
    const Plan plan = planned(host.host(), manifest_with(filter_service));
    ASSERT_EQ(outline(plan), (Strings{"configure postfix-out"}));
    EXPECT_EQ(change_lines(plan.steps[0]),
              (Strings{"service 127.0.0.1:10026/inet: (absent) -> \"n - n - - smtpd\"",
                       "service 127.0.0.1:10026/inet -o content_filter: (unset) -> \"\"",
                       "service 127.0.0.1:10026/inet -o smtpd_authorized_xforward_hosts: "
                       "(unset) -> \"127.0.0.0/8\"",
                       "service smtp/inet: \"n - y - - smtpd\" -> (absent)"}));
    EXPECT_EQ(operations(plan.steps[0]),
              (Strings{"edit /etc/postfix-out/master.cf: postconf -MX smtp/inet, postconf -Me "
                       "127.0.0.1:10026/inet=127.0.0.1:10026 inet n   -       n       -     "
                       "  -       smtpd -o content_filter= -o "
                       "smtpd_authorized_xforward_hosts=127.0.0.0/8"}));
    const std::string shown = services_after(host.host(), plan);
    EXPECT_EQ(shown.find("smtp       inet"), std::string::npos) << shown;
    EXPECT_NE(shown.find("127.0.0.1:10026 inet n   -       n       -       -       smtpd "
                         "-o content_filter= -o smtpd_authorized_xforward_hosts=127.0.0.0/8"),
              std::string::npos)
        << shown;
    expect_converges_with(host, filter_service);
}

TEST(ServicePlanningTest, OnlyListedFieldsAndOptionsChangeAndOtherLinesStay) {
    TestHost host = host_with_out();
    const std::string path = "/etc/postfix-out/master.cf";
    const std::string before = *host.host().file(path);
    const Plan plan = planned(host.host(), manifest_with("      pickup/unix:\n"
                                                         "        wakeup: 30\n"
                                                         "        options: {syslog_name: in}\n"));
    EXPECT_EQ(change_lines(plan.steps.at(0)),
              (Strings{"service pickup/unix: \"n - y 60 1 pickup\" -> \"n - y 30 1 pickup\"",
                       "service pickup/unix -o syslog_name: (unset) -> \"in\""}));
    lifecycle::SimulatedHost after = host.host();
    ASSERT_FALSE(apply_plan(after, plan));
    const std::string text = *after.file(path);
    // Only the pickup line is rewritten: every other byte stays.
    const std::string old_line = "pickup    unix  n       -       y       60      1       pickup\n";
    // Rewritten as postconf -Fe and -Pe rewrite it: columns padded, the option folded.
    const std::string new_line =
        "pickup     unix  n       -       y       30      1       pickup\n    -o syslog_name=in\n";
    std::string expected = before;
    ASSERT_NE(expected.find(old_line), std::string::npos);
    expected.replace(expected.find(old_line), old_line.size(), new_line);
    EXPECT_EQ(text, expected);
}

TEST(ServicePlanningTest, AMatchingHostPlansNothing) {
    const TestHost host = host_with_out();
    EXPECT_TRUE(planned(host.host(), manifest_with("      smtp/inet:\n"
                                                   "        private: n\n"
                                                   "        chroot: y\n"
                                                   "        command: smtpd\n"
                                                   "      qmgr/unix: {wakeup: 300, maxproc: 1}\n"
                                                   "      old/unix: {state: absent}\n"))
                    .empty());
}

TEST(ServicePlanningTest, ChangingTheCommandKeepsTheOverrides) {
    TestHost host = host_with_out();
    const std::string first = manifest_with("      smtp/inet:\n        options: {a: \"1\"}\n");
    lifecycle::SimulatedHost after = host.host();
    ASSERT_FALSE(apply_plan(after, planned(host.host(), first)));
    const Plan plan = planned(after, manifest_with("      smtp/inet: {command: smtpd -v}\n"));
    EXPECT_EQ(change_lines(plan.steps.at(0)),
              (Strings{"service smtp/inet: \"n - y - - smtpd\" -> \"n - y - - smtpd -v\""}));
    lifecycle::SimulatedHost last = after;
    ASSERT_FALSE(apply_plan(last, plan));
    EXPECT_NE(last.file("/etc/postfix-out/master.cf")->find("smtpd\n    -o a=1\n    -v\n"),
              std::string::npos)
        << *last.file("/etc/postfix-out/master.cf");
}

TEST(ServicePlanningTest, ANullOptionRemovesEverySettingOfIt) {
    TestHost host = host_with_out();
    lifecycle::SimulatedHost after = host.host();
    ASSERT_FALSE(apply_plan(
        after, planned(host.host(), manifest_with("      smtp/inet:\n        options: {a: x}\n"))));
    const Plan plan =
        planned(after, manifest_with("      smtp/inet:\n        options: {a: null}\n"));
    EXPECT_EQ(change_lines(plan.steps.at(0)),
              (Strings{"service smtp/inet -o a: \"x\" -> (unset)"}));
}

TEST(ServicePlanningTest, ANewServiceNeedsACommand) {
    const TestHost host = host_with_out();
    const PlanResult result =
        plan_of(host.host(), manifest_with("      dfilt/unix: {maxproc: 2}\n"));
    EXPECT_FALSE(result.plan);
    EXPECT_EQ(messages(result.problems),
              (Strings{"instances.yaml:6:7: service 'dfilt/unix' is not in master.cf, and its "
                       "entry gives no command"}));
}

TEST(ServicePlanningTest, ARunningInstanceIsReloadedAfterItsMasterCfChanges) {
    const TestHost host = host_with_out(true);
    const Plan plan = planned(host.host(), manifest_with(filter_service));
    EXPECT_EQ(outline(plan), (Strings{"configure postfix-out", "reload postfix-out"}));
}

TEST(ServicePlanningTest, ANewInstanceGetsItsServicesAfterItIsCreated) {
    TestHost host;
    host.initialised();
    const std::string yaml =
        "version: 1\ninstances:\n  - name: postfix-out\n    services:\n" + filter_service;
    const Plan plan = planned(host.host(), yaml);
    EXPECT_EQ(outline(plan), (Strings{"create postfix-out", "configure postfix-out"}));
    lifecycle::SimulatedHost after = host.host();
    ASSERT_FALSE(apply_plan(after, plan));
    EXPECT_TRUE(planned(after, yaml).empty());
}

TEST(ServicePlanningTest, ThePrimarysServicesArePlannedToo) {
    TestHost host;
    const Plan plan = planned(host.host(),
                              "version: 1\nprimary:\n  services:\n"
                              "    relay/unix: {state: absent}\n");
    ASSERT_EQ(outline(plan), (Strings{"configure -"}));
    EXPECT_EQ(change_lines(plan.steps[0]),
              (Strings{"service relay/unix: \"- - y - - smtp\" -> (absent)"}));
}

TEST(ServicePlanningTest, ABrokenMasterCfStopsThePlan) {
    TestHost host = host_with_out();
    host.host().put_file("/etc/postfix-out/master.cf", "smtp inet n\n");
    const PlanResult result = plan_of(host.host(), manifest_with(filter_service));
    EXPECT_FALSE(result.plan);
    ASSERT_FALSE(result.problems.empty());
    EXPECT_NE(messages(result.problems)[0].find("/etc/postfix-out/master.cf:1"), std::string::npos)
        << messages(result.problems)[0];
}

TEST(ServicePlanningTest, PlanJsonNamesTheServiceAndTheOption) {
    const TestHost host = host_with_out();
    const Plan plan = planned(host.host(), manifest_with(filter_service));
    const std::string json = render_json(plan, PlanOrigin{});
    EXPECT_NE(json.find("\"format_version\":\"1.4\""), std::string::npos);
    EXPECT_NE(json.find("{\"name\":\"service smtp/inet\",\"before\":\"n - y - - smtpd\","
                        "\"after\":null,\"file\":\"master.cf\",\"service\":\"smtp/inet\"}"),
              std::string::npos)
        << json;
    EXPECT_NE(json.find("\"file\":\"master.cf\",\"service\":\"127.0.0.1:10026/inet\","
                        "\"option\":\"content_filter\"}"),
              std::string::npos)
        << json;
}

}  // namespace
}  // namespace pmr::plan
