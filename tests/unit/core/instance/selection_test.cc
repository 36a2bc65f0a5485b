#include "core/instance/selection.h"

#include <gtest/gtest.h>

namespace pmr::instance {
namespace {

Instance primary(std::string name = "", std::string group = "") {
    return Instance{"/etc/postfix",
                    "/var/spool/postfix",
                    "/var/lib/postfix",
                    std::move(name),
                    std::move(group),
                    true,
                    true};
}

Instance secondary(std::string config, std::string name, std::string group = "") {
    return Instance{std::move(config), "/var/spool/x", "/var/lib/x", std::move(name),
                    std::move(group),  false,          false};
}

TEST(SelectionTest, NoneMatchesNothing) {
    const Selection none;
    EXPECT_EQ(none.kind, Selection::Kind::none);
    EXPECT_FALSE(none.matches(primary()));
    EXPECT_FALSE(none.matches(secondary("/etc/postfix-out", "postfix-out", "mta")));
}

TEST(SelectionTest, AllMatchesEveryInstance) {
    EXPECT_TRUE(Selection::all().matches(primary()));
    EXPECT_TRUE(Selection::all().matches(secondary("/etc/postfix-out", "postfix-out", "mta")));
    EXPECT_TRUE(Selection::all().matches(secondary("/etc/postfix-x", "")));
}

TEST(SelectionTest, ShortNameMatchesThePrefixedInstanceName) {
    EXPECT_TRUE(Selection::name("out").matches(secondary("/etc/postfix-out", "postfix-out")));
}

TEST(SelectionTest, FullNameMatchesTheInstanceName) {
    EXPECT_TRUE(
        Selection::name("postfix-out").matches(secondary("/etc/postfix-out", "postfix-out")));
}

TEST(SelectionTest, ShortNameIsComparedWholeNotAsAPrefix) {
    const Instance out2 = secondary("/etc/postfix-out2", "postfix-out2");
    EXPECT_FALSE(Selection::name("out").matches(out2));
    EXPECT_FALSE(Selection::name("out22").matches(out2));
    EXPECT_FALSE(Selection::name("postfix-out").matches(out2));
}

TEST(SelectionTest, PrefixedSelectorDoesNotMatchAnUnprefixedName) {
    // A hand-edited name without the prefix is compared whole.
    const Instance bare = secondary("/etc/postfix-out", "out");
    EXPECT_FALSE(Selection::name("postfix-out").matches(bare));
    EXPECT_TRUE(Selection::name("out").matches(bare));
}

TEST(SelectionTest, NameComparisonIsCaseSensitive) {
    EXPECT_FALSE(Selection::name("OUT").matches(secondary("/etc/postfix-out", "postfix-out")));
    EXPECT_FALSE(
        Selection::name("Postfix-out").matches(secondary("/etc/postfix-out", "postfix-out")));
}

TEST(SelectionTest, AbsolutePathMatchesTheConfigDirectory) {
    EXPECT_TRUE(
        Selection::name("/etc/postfix-out").matches(secondary("/etc/postfix-out", "postfix-out")));
    EXPECT_TRUE(Selection::name("/etc/postfix").matches(primary("postfix-main")));
}

TEST(SelectionTest, AbsolutePathIsComparedExactly) {
    const Instance out = secondary("/etc/postfix-out", "postfix-out");
    EXPECT_FALSE(Selection::name("/etc/postfix-out/").matches(out));
    EXPECT_FALSE(Selection::name("/etc//postfix-out").matches(out));
    EXPECT_FALSE(Selection::name("/etc/postfix").matches(out));
}

TEST(SelectionTest, AbsolutePathNeverMatchesByName) {
    EXPECT_FALSE(Selection::name("/etc/postfix-out").matches(secondary("/srv/mta", "postfix-out")));
}

TEST(SelectionTest, DashSelectsThePrimary) {
    EXPECT_TRUE(Selection::name("-").matches(primary()));
    EXPECT_TRUE(Selection::name("-").matches(primary("postfix-main", "g")));
}

TEST(SelectionTest, DashDoesNotSelectASecondary) {
    EXPECT_FALSE(Selection::name("-").matches(secondary("/etc/postfix-x", "")));
    EXPECT_FALSE(Selection::name("-").matches(secondary("/etc/postfix-x", "postfix-x")));
}

TEST(SelectionTest, NamedPrimaryMatchesByNameAndShortName) {
    EXPECT_TRUE(Selection::name("postfix-main").matches(primary("postfix-main")));
    EXPECT_TRUE(Selection::name("main").matches(primary("postfix-main")));
}

TEST(SelectionTest, UnnamedInstanceMatchesOnlyByPath) {
    const Instance unnamed = secondary("/etc/postfix-a", "");
    EXPECT_FALSE(Selection::name("postfix-a").matches(unnamed));
    EXPECT_FALSE(Selection::name("a").matches(unnamed));
    EXPECT_FALSE(Selection::name("").matches(unnamed));
    EXPECT_TRUE(Selection::name("/etc/postfix-a").matches(unnamed));
}

TEST(SelectionTest, UnnamedPrimaryMatchesByPathOrDash) {
    EXPECT_TRUE(Selection::name("/etc/postfix").matches(primary()));
    EXPECT_FALSE(Selection::name("postfix").matches(primary()));
}

TEST(SelectionTest, GroupMatchesExactly) {
    const Instance out = secondary("/etc/postfix-out", "postfix-out", "mta");
    EXPECT_TRUE(Selection::group("mta").matches(out));
    EXPECT_FALSE(Selection::group("MTA").matches(out));
    EXPECT_FALSE(Selection::group("mt").matches(out));
    EXPECT_FALSE(Selection::group("mta ").matches(out));
    EXPECT_FALSE(Selection::group("postfix-out").matches(out));
}

TEST(SelectionTest, GroupDoesNotMatchTheName) {
    EXPECT_FALSE(Selection::group("out").matches(secondary("/etc/postfix-out", "postfix-out", "")));
}

TEST(SelectionTest, EmptyGroupNeverMatches) {
    EXPECT_FALSE(Selection::group("").matches(secondary("/etc/postfix-x", "postfix-x", "")));
    EXPECT_FALSE(Selection::group("").matches(primary()));
}

TEST(SelectionTest, GroupMatchesThePrimaryToo) {
    EXPECT_TRUE(Selection::group("mta").matches(primary("", "mta")));
}

TEST(SelectionTest, FactoriesSetKindAndValue) {
    EXPECT_EQ(Selection::all(), (Selection{Selection::Kind::all, ""}));
    EXPECT_EQ(Selection::group("g"), (Selection{Selection::Kind::group, "g"}));
    EXPECT_EQ(Selection::name("n"), (Selection{Selection::Kind::name, "n"}));
}

}  // namespace
}  // namespace pmr::instance
