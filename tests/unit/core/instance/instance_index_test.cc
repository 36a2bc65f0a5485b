#include "core/instance/instance_index.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>

namespace pmr::instance {
namespace {

HostState three_instances() {
    HostState state;
    state.instances.push_back(
        {"/etc/postfix", "/var/spool/postfix", "/var/lib/postfix", "", "", true, true});
    state.instances.push_back({"/etc/postfix-in", "/var/spool/postfix-in", "/var/lib/postfix-in",
                               "postfix-in", "mta", true, false});
    state.instances.push_back({"/etc/postfix-out", "/var/spool/postfix-out", "/var/lib/postfix-out",
                               "postfix-out", "mta", false, false});
    return state;
}

TEST(InstanceIndexTest, FindsByConfigDirectory) {
    const HostState state = three_instances();
    const InstanceIndex index(state);
    EXPECT_EQ(index.by_config_directory("/etc/postfix"), &state.instances[0]);
    EXPECT_EQ(index.by_config_directory("/etc/postfix-out"), &state.instances[2]);
    EXPECT_EQ(index.by_config_directory("/etc/postfix-x"), nullptr);
    EXPECT_EQ(index.by_config_directory("/etc/postfix-out/"), nullptr);  // exact, not cleaned
}

TEST(InstanceIndexTest, FindsByNameAndTellsSecondariesApart) {
    HostState state = three_instances();
    state.instances[0].name = "postfix-primary";
    const InstanceIndex index(state);
    EXPECT_EQ(index.by_name("postfix-in"), &state.instances[1]);
    EXPECT_EQ(index.by_name("postfix-primary"), &state.instances[0]);
    EXPECT_EQ(index.secondary_named("postfix-primary"), nullptr);
    EXPECT_EQ(index.secondary_named("postfix-out"), &state.instances[2]);
    EXPECT_EQ(index.by_name(""), nullptr);  // an unnamed instance is not "named ''"
    EXPECT_EQ(index.by_name("postfix-x"), nullptr);
}

TEST(InstanceIndexTest, KnowsWhichStateItIndexes) {
    const HostState state = three_instances();
    const HostState equal = three_instances();
    const InstanceIndex index(state);
    EXPECT_TRUE(index.indexes(state));
    EXPECT_FALSE(index.indexes(equal));
}

// The index answers exactly as a scan in postmulti's order would (the first match wins).
RC_GTEST_PROP(InstanceIndexProperty, AgreesWithAScan, ()) {
    const auto count = *rc::gen::inRange<std::size_t>(1, 12);
    HostState state;
    for (std::size_t i = 0; i < count; ++i) {
        const auto n = *rc::gen::inRange(0, 6);
        const auto m = *rc::gen::inRange(0, 6);
        Instance instance;
        instance.config_directory = "/etc/postfix-" + std::to_string(n);
        instance.name = m == 0 ? "" : "postfix-" + std::to_string(m);
        instance.primary = i == 0;
        state.instances.push_back(instance);
    }
    const InstanceIndex index(state);
    for (int k = 0; k < 6; ++k) {
        const std::string directory = "/etc/postfix-" + std::to_string(k);
        const std::string name = "postfix-" + std::to_string(k);
        const auto by_directory =
            std::ranges::find(state.instances, directory, &Instance::config_directory);
        const auto by_name = std::ranges::find(state.instances, name, &Instance::name);
        RC_ASSERT(index.by_config_directory(directory) ==
                  (by_directory == state.instances.end() ? nullptr : &*by_directory));
        RC_ASSERT(index.by_name(name) == (by_name == state.instances.end() ? nullptr : &*by_name));
    }
}

}  // namespace
}  // namespace pmr::instance
