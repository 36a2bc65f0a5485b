#include "core/instance/claims.h"

#include <gtest/gtest.h>

namespace pmr::instance {
namespace {

TEST(ClaimRegistryTest, FirstClaimOfAValueSucceeds) {
    ClaimRegistry claims;
    EXPECT_EQ(claims.claim("/etc/postfix", "queue_directory", "/var/spool/postfix"), std::nullopt);
}

TEST(ClaimRegistryTest, OwnerNamesTheConfigDirectoryAndParameter) {
    ClaimRegistry claims;
    ASSERT_EQ(claims.claim("/etc/postfix", "queue_directory", "/var/spool/postfix"), std::nullopt);
    EXPECT_EQ(claims.owner("/var/spool/postfix"), "/etc/postfix, queue_directory");
}

TEST(ClaimRegistryTest, UnclaimedValueHasNoOwner) {
    ClaimRegistry claims;
    ASSERT_EQ(claims.claim("/etc/postfix", "queue_directory", "/var/spool/postfix"), std::nullopt);
    EXPECT_EQ(claims.owner("/var/spool/postfix-out"), std::nullopt);
    EXPECT_EQ(claims.owner(""), std::nullopt);
}

TEST(ClaimRegistryTest, SecondOwnerOfAValueGetsPostmultisConflictText) {
    ClaimRegistry claims;
    ASSERT_EQ(claims.claim("/etc/postfix", "queue_directory", "/var/spool/postfix"), std::nullopt);
    EXPECT_EQ(claims.claim("/etc/postfix-a", "queue_directory", "/var/spool/postfix"),
              "instance /etc/postfix-a, queue_directory=/var/spool/postfix conflicts with "
              "instance /etc/postfix, queue_directory=/var/spool/postfix");
}

TEST(ClaimRegistryTest, ConflictAcrossDifferentParametersNamesBoth) {
    ClaimRegistry claims;
    ASSERT_EQ(claims.claim("/etc/postfix-a", "config_directory", "/srv/x"), std::nullopt);
    EXPECT_EQ(claims.claim("/etc/postfix-b", "queue_directory", "/srv/x"),
              "instance /etc/postfix-b, queue_directory=/srv/x conflicts with instance "
              "/etc/postfix-a, config_directory=/srv/x");
}

TEST(ClaimRegistryTest, SameInstanceClaimingTheSameValueThroughAnotherParameterConflicts) {
    ClaimRegistry claims;
    ASSERT_EQ(claims.claim("/etc/postfix-a", "queue_directory", "/var/spool/a"), std::nullopt);
    EXPECT_EQ(claims.claim("/etc/postfix-a", "data_directory", "/var/spool/a"),
              "instance /etc/postfix-a, data_directory=/var/spool/a conflicts with instance "
              "/etc/postfix-a, queue_directory=/var/spool/a");
}

TEST(ClaimRegistryTest, SameRequestorClaimingAgainIsNoConflict) {
    ClaimRegistry claims;
    ASSERT_EQ(claims.claim("/etc/postfix-a", "multi_instance_name", "postfix-a"), std::nullopt);
    EXPECT_EQ(claims.claim("/etc/postfix-a", "multi_instance_name", "postfix-a"), std::nullopt);
    EXPECT_EQ(claims.owner("postfix-a"), "/etc/postfix-a, multi_instance_name");
}

TEST(ClaimRegistryTest, FailedClaimKeepsTheFirstOwner) {
    ClaimRegistry claims;
    ASSERT_EQ(claims.claim("/etc/postfix", "command_directory", "/usr/sbin"), std::nullopt);
    ASSERT_NE(claims.claim("/etc/postfix-a", "data_directory", "/usr/sbin"), std::nullopt);
    EXPECT_EQ(claims.owner("/usr/sbin"), "/etc/postfix, command_directory");
}

TEST(ClaimRegistryTest, NamesAndDirectoriesShareOneNamespace) {
    // postmulti keeps one table of values: a name is claimed like a path.
    ClaimRegistry claims;
    ASSERT_EQ(claims.claim("/etc/postfix-a", "multi_instance_name", "postfix-x"), std::nullopt);
    EXPECT_EQ(claims.claim("/etc/postfix-b", "multi_instance_name", "postfix-x"),
              "instance /etc/postfix-b, multi_instance_name=postfix-x conflicts with instance "
              "/etc/postfix-a, multi_instance_name=postfix-x");
}

TEST(ClaimRegistryTest, ValuesAreComparedExactly) {
    ClaimRegistry claims;
    ASSERT_EQ(claims.claim("/etc/postfix", "queue_directory", "/var/spool/postfix"), std::nullopt);
    // No normalisation: a trailing slash or different case is a different value, as in Postfix.
    EXPECT_EQ(claims.claim("/etc/postfix-a", "queue_directory", "/var/spool/postfix/"),
              std::nullopt);
    EXPECT_EQ(claims.claim("/etc/postfix-b", "queue_directory", "/var/spool/Postfix"),
              std::nullopt);
}

TEST(ClaimRegistryTest, CopiesAreIndependent) {
    ClaimRegistry claims;
    ASSERT_EQ(claims.claim("/etc/postfix", "queue_directory", "/var/spool/postfix"), std::nullopt);
    ClaimRegistry trial = claims;
    ASSERT_EQ(trial.claim("/etc/postfix-a", "queue_directory", "/var/spool/a"), std::nullopt);
    EXPECT_EQ(claims.owner("/var/spool/a"), std::nullopt);
    EXPECT_EQ(trial.owner("/var/spool/a"), "/etc/postfix-a, queue_directory");
}

}  // namespace
}  // namespace pmr::instance
