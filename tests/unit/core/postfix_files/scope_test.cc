#include "core/postfix_files/scope.h"

#include <gtest/gtest.h>

namespace pmr::postfix_files {
namespace {

TEST(ScopeTest, AListedSecondaryTouchesOnlyItsOwnFiles) {
    EXPECT_EQ(
        scope_for_instance("/etc/postfix-out", "/etc/postfix", "/etc/postfix-in /etc/postfix-out"),
        Scope::instance_files);
    EXPECT_EQ(scope_for_instance("/etc/postfix-out", "/etc/postfix", "/etc/postfix-out"),
              Scope::instance_files);
}

TEST(ScopeTest, ThePrimaryAndUnlistedInstancesTouchEveryFile) {
    EXPECT_EQ(scope_for_instance("/etc/postfix", "/etc/postfix", "/etc/postfix /etc/postfix-a"),
              Scope::every_file);
    EXPECT_EQ(scope_for_instance("/etc/postfix-b", "/etc/postfix", "/etc/postfix-a"),
              Scope::every_file);
    EXPECT_EQ(scope_for_instance("/etc/postfix-b", "/etc/postfix", ""), Scope::every_file);
    EXPECT_EQ(scope_for_instance("/etc/postfix-b", "/etc/postfix", std::nullopt),
              Scope::every_file);
}

// post-install pipes the list through `sed 's/,/ /'`, which replaces the first comma only.
TEST(ScopeTest, OnlyTheFirstCommaSeparates) {
    EXPECT_EQ(scope_for_instance("/etc/postfix-b", "/etc/postfix", "/etc/postfix-a,/etc/postfix-b"),
              Scope::instance_files);
    EXPECT_EQ(scope_for_instance("/etc/postfix-c", "/etc/postfix",
                                 "/etc/postfix-a,/etc/postfix-b,/etc/postfix-c"),
              Scope::every_file);
    // With ", " the later names keep a trailing comma, except the last one.
    EXPECT_EQ(scope_for_instance("/etc/postfix-b", "/etc/postfix",
                                 "/etc/postfix-a, /etc/postfix-b, /etc/postfix-c"),
              Scope::every_file);
    EXPECT_EQ(scope_for_instance("/etc/postfix-c", "/etc/postfix",
                                 "/etc/postfix-a, /etc/postfix-b, /etc/postfix-c"),
              Scope::instance_files);
    EXPECT_EQ(scope_for_instance("/etc/postfix-c", "/etc/postfix",
                                 "/etc/postfix-a /etc/postfix-b\t/etc/postfix-c"),
              Scope::instance_files);
}

}  // namespace
}  // namespace pmr::postfix_files
