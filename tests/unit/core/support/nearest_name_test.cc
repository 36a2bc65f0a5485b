// Typos get a suggestion (#14): a misspelt subcommand or main.cf parameter name is answered
// with the nearest known one, and only when it is close.
#include "core/support/nearest_name.h"

#include <gtest/gtest.h>

namespace pmr {
namespace {

TEST(EditDistanceTest, CountsInsertionsDeletionsAndSubstitutions) {
    EXPECT_EQ(edit_distance("", ""), 0u);
    EXPECT_EQ(edit_distance("abc", ""), 3u);
    EXPECT_EQ(edit_distance("", "abc"), 3u);
    EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
    EXPECT_EQ(edit_distance("myhostname", "myhostname"), 0u);
    EXPECT_EQ(edit_distance("myhostnam", "myhostname"), 1u);
    EXPECT_EQ(edit_distance("myhostnamee", "myhostname"), 1u);
    EXPECT_EQ(edit_distance("myhostnane", "myhostname"), 1u);
}

TEST(EditDistanceTest, AnAdjacentTranspositionIsOneEdit) {
    EXPECT_EQ(edit_distance("myhostnmae", "myhostname"), 1u);
    EXPECT_EQ(edit_distance("plna", "plan"), 1u);
    EXPECT_EQ(edit_distance("ab", "ba"), 1u);
}

TEST(EditDistanceTest, IsSymmetric) {
    for (const auto& [a, b] : {std::pair{"relayhost", "relay_host"}, std::pair{"inet", "tein"},
                               std::pair{"smtpd_banner", "smtp_banner"}}) {
        EXPECT_EQ(edit_distance(a, b), edit_distance(b, a)) << a << " " << b;
    }
}

TEST(NearestNameTest, SuggestsTheClosestKnownName) {
    const std::vector<std::string> names{"mydomain", "myhostname", "mynetworks", "myorigin"};
    EXPECT_EQ(nearest_name("myhostnmae", names), "myhostname");
    EXPECT_EQ(nearest_name("mynetwork", names), "mynetworks");
    EXPECT_EQ(nearest_name("my_origin", names), "myorigin");
}

TEST(NearestNameTest, NothingWhenNoNameIsClose) {
    const std::vector<std::string> commands{"validate", "plan", "apply", "check", "export"};
    EXPECT_EQ(nearest_name("bogus", commands), std::nullopt);
    EXPECT_EQ(nearest_name("frobnicate_everything", commands), std::nullopt);
    EXPECT_EQ(nearest_name("x", commands), std::nullopt);
    EXPECT_EQ(nearest_name("anything", {}), std::nullopt);
}

TEST(NearestNameTest, ShortWordsGetOnlyOneEdit) {
    const std::vector<std::string> commands{"validate", "plan", "apply", "check", "export", "list"};
    EXPECT_EQ(nearest_name("plna", commands), "plan");
    EXPECT_EQ(nearest_name("aply", commands), "apply");
    EXPECT_EQ(nearest_name("lst", commands), "list");
    EXPECT_EQ(nearest_name("pxxn", commands), std::nullopt);  // two edits from plan
}

TEST(NearestNameTest, TiesGoToTheFirstCandidate) {
    EXPECT_EQ(nearest_name("cat", {"bat", "hat"}), "bat");
    EXPECT_EQ(nearest_name("cat", {"hat", "bat"}), "hat");
}

}  // namespace
}  // namespace pmr
