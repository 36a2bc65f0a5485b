#include "core/postmulti/private_path.h"

#include <gtest/gtest.h>

namespace pmr::postmulti {
namespace {

TEST(PrivatePathTest, ReplacesTheLastComponent) {
    EXPECT_EQ(private_path("/etc/postfix", "postfix-out"), "/etc/postfix-out");
    EXPECT_EQ(private_path("/var/spool/postfix", "postfix-out"), "/var/spool/postfix-out");
    EXPECT_EQ(private_path("/a/b/c/d", "postfix-x"), "/a/b/c/postfix-x");
}

TEST(PrivatePathTest, SlashesBeforeTheLastComponentCollapse) {
    EXPECT_EQ(private_path("/etc//postfix", "postfix-out"), "/etc/postfix-out");
    EXPECT_EQ(private_path("/etc///postfix", "postfix-out"), "/etc/postfix-out");
}

TEST(PrivatePathTest, SingleTrailingSlashKeepsTheLastComponent) {
    // Postfix cuts the slashes before the trailing one, then finds the trailing one again.
    EXPECT_EQ(private_path("/etc/postfix/", "postfix-out"), "/etc/postfix/postfix-out");
    EXPECT_EQ(private_path("/a/", "postfix-out"), "/a/postfix-out");
}

TEST(PrivatePathTest, SeveralTrailingSlashesReplaceTheLastComponent) {
    EXPECT_EQ(private_path("/etc/postfix//", "postfix-out"), "/etc/postfix-out");
    EXPECT_EQ(private_path("/etc/postfix///", "postfix-out"), "/etc/postfix-out");
}

TEST(PrivatePathTest, TopLevelDirectoryIsKeptAsTheParent) {
    // The slash at the start is never cut, so the component below the root stays.
    EXPECT_EQ(private_path("/postfix", "postfix-out"), "/postfix/postfix-out");
}

TEST(PrivatePathTest, RootGivesATopLevelDirectory) {
    EXPECT_EQ(private_path("/", "postfix-out"), "/postfix-out");
    EXPECT_EQ(private_path("//", "postfix-out"), "/postfix-out");
}

TEST(PrivatePathTest, ComponentBelowADoubleRootSlashIsReplaced) {
    EXPECT_EQ(private_path("//etc", "postfix-out"), "/postfix-out");
}

TEST(PrivatePathTest, NameIsAppendedAsGiven) {
    EXPECT_EQ(private_path("/etc/postfix", "postfix-a.b:c"), "/etc/postfix-a.b:c");
}

}  // namespace
}  // namespace pmr::postmulti
