#include "core/instance/claims.h"

#include <gtest/gtest.h>

namespace pmr::instance {
namespace {

TEST(ClaimRegistryTest, FirstClaimOfAValueSucceeds) {
    ClaimRegistry claims;
    EXPECT_TRUE(claims.claim("/etc/postfix", "queue_directory", "/var/spool/postfix").ok());
}

TEST(ClaimRegistryTest, OwnerNamesTheConfigDirectoryAndParameter) {
    ClaimRegistry claims;
    ASSERT_TRUE(claims.claim("/etc/postfix", "queue_directory", "/var/spool/postfix").ok());
    EXPECT_EQ(claims.owner("/var/spool/postfix"), "/etc/postfix, queue_directory");
}

TEST(ClaimRegistryTest, UnclaimedValueHasNoOwner) {
    ClaimRegistry claims;
    ASSERT_TRUE(claims.claim("/etc/postfix", "queue_directory", "/var/spool/postfix").ok());
    EXPECT_EQ(claims.owner("/var/spool/postfix-out"), std::nullopt);
    EXPECT_EQ(claims.owner(""), std::nullopt);
}

TEST(ClaimRegistryTest, SecondOwnerOfAValueGetsPostmultisConflictText) {
    ClaimRegistry claims;
    ASSERT_TRUE(claims.claim("/etc/postfix", "queue_directory", "/var/spool/postfix").ok());
    EXPECT_EQ(claims.claim("/etc/postfix-a", "queue_directory", "/var/spool/postfix").error(),
              "instance /etc/postfix-a, queue_directory=/var/spool/postfix conflicts with "
              "instance /etc/postfix, queue_directory=/var/spool/postfix");
}

TEST(ClaimRegistryTest, ConflictAcrossDifferentParametersNamesBoth) {
    ClaimRegistry claims;
    ASSERT_TRUE(claims.claim("/etc/postfix-a", "config_directory", "/srv/x").ok());
    EXPECT_EQ(claims.claim("/etc/postfix-b", "queue_directory", "/srv/x").error(),
              "instance /etc/postfix-b, queue_directory=/srv/x conflicts with instance "
              "/etc/postfix-a, config_directory=/srv/x");
}

TEST(ClaimRegistryTest, SameInstanceClaimingTheSameValueThroughAnotherParameterConflicts) {
    ClaimRegistry claims;
    ASSERT_TRUE(claims.claim("/etc/postfix-a", "queue_directory", "/var/spool/a").ok());
    EXPECT_EQ(claims.claim("/etc/postfix-a", "data_directory", "/var/spool/a").error(),
              "instance /etc/postfix-a, data_directory=/var/spool/a conflicts with instance "
              "/etc/postfix-a, queue_directory=/var/spool/a");
}

TEST(ClaimRegistryTest, SameRequestorClaimingAgainIsNoConflict) {
    ClaimRegistry claims;
    ASSERT_TRUE(claims.claim("/etc/postfix-a", "multi_instance_name", "postfix-a").ok());
    EXPECT_TRUE(claims.claim("/etc/postfix-a", "multi_instance_name", "postfix-a").ok());
    EXPECT_EQ(claims.owner("postfix-a"), "/etc/postfix-a, multi_instance_name");
}

TEST(ClaimRegistryTest, FailedClaimKeepsTheFirstOwner) {
    ClaimRegistry claims;
    ASSERT_TRUE(claims.claim("/etc/postfix", "command_directory", "/usr/sbin").ok());
    ASSERT_FALSE(claims.claim("/etc/postfix-a", "data_directory", "/usr/sbin").ok());
    EXPECT_EQ(claims.owner("/usr/sbin"), "/etc/postfix, command_directory");
}

TEST(ClaimRegistryTest, NamesAndDirectoriesShareOneNamespace) {
    // postmulti keeps one table of values: a name is claimed like a path.
    ClaimRegistry claims;
    ASSERT_TRUE(claims.claim("/etc/postfix-a", "multi_instance_name", "postfix-x").ok());
    EXPECT_EQ(claims.claim("/etc/postfix-b", "multi_instance_name", "postfix-x").error(),
              "instance /etc/postfix-b, multi_instance_name=postfix-x conflicts with instance "
              "/etc/postfix-a, multi_instance_name=postfix-x");
}

TEST(ClaimRegistryTest, ValuesAreComparedExactly) {
    ClaimRegistry claims;
    ASSERT_TRUE(claims.claim("/etc/postfix", "queue_directory", "/var/spool/postfix").ok());
    // No normalisation: a trailing slash or different case is a different value, as in Postfix.
    EXPECT_TRUE(claims.claim("/etc/postfix-a", "queue_directory", "/var/spool/postfix/").ok());
    EXPECT_TRUE(claims.claim("/etc/postfix-b", "queue_directory", "/var/spool/Postfix").ok());
}

TEST(ClaimRegistryTest, CopiesAreIndependent) {
    ClaimRegistry claims;
    ASSERT_TRUE(claims.claim("/etc/postfix", "queue_directory", "/var/spool/postfix").ok());
    ClaimRegistry trial = claims;
    ASSERT_TRUE(trial.claim("/etc/postfix-a", "queue_directory", "/var/spool/a").ok());
    EXPECT_EQ(claims.owner("/var/spool/a"), std::nullopt);
    EXPECT_EQ(trial.owner("/var/spool/a"), "/etc/postfix-a, queue_directory");
}

}  // namespace
}  // namespace pmr::instance
