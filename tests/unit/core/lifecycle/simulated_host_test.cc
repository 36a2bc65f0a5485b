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

TEST(SimulatedHostTest, AMasterCfIsParsedOnceUntilItChanges) {
    TestHost t = two_instances();
    SimulatedHost& host = t.host();
    const std::string path = "/etc/postfix-a/master.cf";
    const mastercf::MasterCf* first = host.master_cf(path);
    ASSERT_NE(first, nullptr);
    EXPECT_EQ(first->text(), *host.file(path));
    EXPECT_EQ(first->path(), path);
    EXPECT_NE(first->find("smtp", "inet"), nullptr);
    EXPECT_EQ(host.master_cf(path), first);
    EXPECT_EQ(host.master_cf("/etc/postfix-none/master.cf"), nullptr);
    ASSERT_TRUE(host.apply(InstallFile{path, "pickup unix n - y 60 1 pickup\n"}));
    const mastercf::MasterCf* after = host.master_cf(path);
    ASSERT_NE(after, nullptr);
    EXPECT_EQ(after->find("smtp", "inet"), nullptr);
    EXPECT_NE(after->find("pickup", "unix"), nullptr);
    ASSERT_TRUE(host.apply(RemoveFile{path}));
    EXPECT_EQ(host.master_cf(path), nullptr);
}

TEST(SimulatedHostTest, MasterCfFilesOfEqualTextShareOneParseEachNamingItsOwnPath) {
    TestHost t = two_instances();
    SimulatedHost& host = t.host();
    const std::string text = "  indented - - - - - x\nsmtp inet n - y - - smtpd\n";
    host.put_file("/etc/postfix-a/master.cf", text);
    host.put_file("/etc/postfix-b/master.cf", text);
    const mastercf::MasterCf* a = host.master_cf("/etc/postfix-a/master.cf");
    const mastercf::MasterCf* b = host.master_cf("/etc/postfix-b/master.cf");
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
    EXPECT_EQ(a->entries().data(), b->entries().data());  // one parse
    EXPECT_EQ(b->path(), "/etc/postfix-b/master.cf");
    ASSERT_EQ(b->diagnostics().size(), 1U);
    EXPECT_EQ(b->diagnostics()[0].path, "/etc/postfix-b/master.cf");
    EXPECT_EQ(a->diagnostics()[0].path, "/etc/postfix-a/master.cf");
    // A text of the same length that differs is a parse of its own.
    std::string other = text;
    other.replace(other.find("smtp"), 1, "x");
    host.put_file("/etc/postfix-b/master.cf", other);
    const mastercf::MasterCf* changed = host.master_cf("/etc/postfix-b/master.cf");
    ASSERT_NE(changed, nullptr);
    EXPECT_EQ(changed->text(), other);
    EXPECT_EQ(changed->find("smtp", "inet"), nullptr);
    EXPECT_NE(changed->find("xmtp", "inet"), nullptr);
    EXPECT_NE(host.master_cf("/etc/postfix-a/master.cf")->find("smtp", "inet"), nullptr);
}

TEST(SimulatedHostTest, AnEditedMasterCfKeepsTheEditsParse) {
    TestHost t = two_instances();
    SimulatedHost& host = t.host();
    const std::string path = "/etc/postfix-b/master.cf";
    const std::string text = "smtp inet n - y - - smtpd\npickup unix n - y 60 1 pickup\n";
    host.put_master_cf(path, mastercf::MasterCf::parse(text, "elsewhere"));
    EXPECT_EQ(*host.file(path), text);
    ASSERT_NE(host.master_cf(path), nullptr);
    EXPECT_EQ(host.master_cf(path)->path(), path);
    EXPECT_EQ(host.master_cf(path)->entries().size(), 2U);
    ASSERT_TRUE(host.apply(EditMasterCf{path, {mastercf::RemoveService{{"smtp", "inet"}}}}));
    const mastercf::MasterCf* edited = host.master_cf(path);
    ASSERT_NE(edited, nullptr);
    EXPECT_EQ(edited->text(), *host.file(path));
    EXPECT_EQ(edited->entries().size(), 1U);
    EXPECT_EQ(edited->find("smtp", "inet"), nullptr);
}

TEST(SimulatedHostTest, ACopyKeepsItsOwnMasterCfParses) {
    TestHost t = two_instances();
    const SimulatedHost& original = t.host();
    const std::string path = "/etc/postfix-a/master.cf";
    ASSERT_NE(original.master_cf(path), nullptr);
    SimulatedHost copy = original;
    ASSERT_TRUE(copy.apply(EditMasterCf{path, {mastercf::RemoveService{{"smtp", "inet"}}}}));
    EXPECT_EQ(copy.master_cf(path)->find("smtp", "inet"), nullptr);
    EXPECT_NE(original.master_cf(path)->find("smtp", "inet"), nullptr);
    EXPECT_EQ(original.master_cf(path)->text(), *original.file(path));
}

}  // namespace
}  // namespace pmr::lifecycle
