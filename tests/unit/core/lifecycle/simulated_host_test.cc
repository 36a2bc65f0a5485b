#include "core/lifecycle/simulated_host.h"

#include <gtest/gtest.h>

#include "../plan/plan_test_support.h"

namespace pmr::lifecycle {
namespace {

using plan::testing::Secondary;
using plan::testing::set;
using plan::testing::TestHost;

std::shared_ptr<const instance::HostState> state_of(const SimulatedHost& host) {
    Diagnostics problems;
    auto state = host.shared_state(problems);
    EXPECT_TRUE(problems.empty()) << problems.front().to_string();
    return state;
}

const instance::Instance& instance_in(const instance::HostState& state, const std::string& dir) {
    const instance::Instance* found = state.find_by_config_directory(dir);
    if (found == nullptr)
        throw std::runtime_error("no instance in " + dir);
    return *found;
}

TestHost two_instances() {
    TestHost t;
    t.initialised()
        .secondary({.name = "postfix-a", .group = "mta"})
        .secondary({.name = "postfix-b"});
    return t;
}

TEST(SimulatedHostTest, TheStateIsBuiltOnceUntilAMainCfChanges) {
    TestHost t = two_instances();
    SimulatedHost& host = t.host();
    const auto first = state_of(host);
    EXPECT_EQ(state_of(host), first);
    // master.cf, prototypes and run-time files are not read into the state.
    ASSERT_TRUE(host.apply(InstallFile{"/etc/postfix-a/master.cf", "# changed\n"}));
    ASSERT_TRUE(host.apply(InstallFile{"/var/spool/postfix-a/pid/master.pid", ""}));
    ASSERT_TRUE(host.apply(RemoveFile{"/var/spool/postfix-a/pid/master.pid"}));
    EXPECT_EQ(state_of(host), first);
    ASSERT_TRUE(
        host.apply(EditMainCf{"/etc/postfix-a/main.cf", {set("multi_instance_group", "x")}}));
    EXPECT_NE(state_of(host), first);
}

TEST(SimulatedHostTest, AnEditedSecondaryIsReadAgainAndTheOthersAreKept) {
    TestHost t = two_instances();
    SimulatedHost& host = t.host();
    (void)state_of(host);
    ASSERT_TRUE(host.apply(EditMainCf{
        "/etc/postfix-a/main.cf",
        {set("multi_instance_name", "postfix-renamed"), set("multi_instance_enable", "yes")}}));
    const auto after = state_of(host);
    const instance::Instance& a = instance_in(*after, "/etc/postfix-a");
    EXPECT_EQ(a.name, "postfix-renamed");
    EXPECT_TRUE(a.enabled);
    EXPECT_EQ(a.group, "mta");
    EXPECT_EQ(instance_in(*after, "/etc/postfix-b").name, "postfix-b");
}

TEST(SimulatedHostTest, ARemovedMainCfOfAListedSecondaryIsAnErrorAgain) {
    TestHost t = two_instances();
    SimulatedHost& host = t.host();
    (void)state_of(host);
    const std::string text = *host.file("/etc/postfix-b/main.cf");
    ASSERT_TRUE(host.apply(RemoveFile{"/etc/postfix-b/main.cf"}));
    Diagnostics problems;
    EXPECT_EQ(host.shared_state(problems), nullptr);
    ASSERT_FALSE(problems.empty());
    EXPECT_EQ(problems.back().message,
              "Failed to obtain all required /etc/postfix-b/main.cf parameters");
    // Put back, it is read again.
    ASSERT_TRUE(host.apply(InstallFile{"/etc/postfix-b/main.cf", text}));
    EXPECT_EQ(instance_in(*state_of(host), "/etc/postfix-b").name, "postfix-b");
}

TEST(SimulatedHostTest, ACopyChangesIndependentlyOfItsOriginal) {
    TestHost t = two_instances();
    const SimulatedHost& original = t.host();
    const auto before = state_of(original);
    SimulatedHost copy = original;
    ASSERT_TRUE(
        copy.apply(EditMainCf{"/etc/postfix-b/main.cf", {set("multi_instance_group", "g")}}));
    EXPECT_EQ(instance_in(*state_of(copy), "/etc/postfix-b").group, "g");
    EXPECT_EQ(state_of(original), before);
    EXPECT_EQ(instance_in(*state_of(original), "/etc/postfix-b").group, "");
}

TEST(SimulatedHostTest, ASecondaryListedAfterItsFilesWereReadIsFound) {
    TestHost t;
    t.initialised().deported({.name = "postfix-later"});
    SimulatedHost& host = t.host();
    EXPECT_EQ(state_of(host)->instances.size(), 1U);
    ASSERT_TRUE(host.apply(EditMainCf{"/etc/postfix/main.cf",
                                      {set("multi_instance_directories", "/etc/postfix-later")}}));
    const auto state = state_of(host);
    ASSERT_EQ(state->instances.size(), 2U);
    EXPECT_EQ(state->instances[1].name, "postfix-later");
}

}  // namespace
}  // namespace pmr::lifecycle
