#include "core/manifest/host_conflicts.h"

#include <gtest/gtest.h>

#include "core/manifest/manifest_parser.h"

namespace pmr::manifest {
namespace {

using Strings = std::vector<std::string>;

/// A host with the primary and postfix-a (/etc/postfix-a, /var/spool/postfix-a,
/// /var/lib/postfix-a), plus an unnamed instance in /srv/mta.
instance::HostState host() {
    instance::HostState state;
    state.instances.push_back(
        {"/etc/postfix", "/var/spool/postfix", "/var/lib/postfix", "", "", true, true});
    state.instances.push_back({"/etc/postfix-a", "/var/spool/postfix-a", "/var/lib/postfix-a",
                               "postfix-a", "mta", false, false});
    state.instances.push_back(
        {"/srv/mta/etc", "/srv/mta/spool", "/srv/mta/lib", "", "", false, false});
    return state;
}

/// check_host_overlaps() on a manifest that parses, rendered `FILE:LINE:COL: message`.
Strings problems(std::string_view yaml, const instance::HostState& state = host()) {
    Diagnostics parse_problems;
    const auto m = parse_manifest(yaml, "m.yaml", parse_problems);
    if (!m) {
        ADD_FAILURE() << "does not parse: " << yaml;
        return {};
    }
    Strings out;
    for (const Diagnostic& d : check_host_overlaps(*m, state)) {
        EXPECT_EQ(d.severity, Severity::error);
        out.push_back(d.to_string());
    }
    return out;
}

TEST(HostConflictsTest, NewInstancesBesideTheOthersAreFine) {
    EXPECT_EQ(problems("version: 1\ninstances:\n"
                       "  - name: postfix-b\n"
                       "  - name: postfix-c\n    config_directory: /etc/postfix-a2\n"
                       "    queue_directory: /var/spool/postfix-a2\n"),
              Strings{});
}

TEST(HostConflictsTest, ANewDirectoryInsideAnUnlistedInstancesIsReported) {
    EXPECT_EQ(problems("version: 1\ninstances:\n"
                       "  - name: postfix-b\n    queue_directory: /etc/postfix-a/queue\n"),
              (Strings{"m.yaml:3:5: postfix-b's queue_directory /etc/postfix-a/queue overlaps "
                       "postfix-a's config_directory /etc/postfix-a on this host"}));
}

// The planner leaves the instance where an absent entry's name would derive to alone when no
// instance has that name: it is a bystander, which a new instance must not overlap.
TEST(HostConflictsTest, AnAbsentEntryOfANameNoOneHasDoesNotHideTheInstanceWhereItDerives) {
    instance::HostState state = host();
    state.instances.push_back({.config_directory = "/etc/postfix-gone",
                               .queue_directory = "/var/spool/postfix-gone",
                               .data_directory = "/var/lib/postfix-gone",
                               .name = "",
                               .group = ""});
    EXPECT_EQ(problems("version: 1\ninstances:\n"
                       "  - name: postfix-gone\n    state: absent\n"
                       "  - name: postfix-b\n    queue_directory: /etc/postfix-gone/q\n",
                       state),
              (Strings{"m.yaml:5:5: postfix-b's queue_directory /etc/postfix-gone/q overlaps "
                       "/etc/postfix-gone's config_directory /etc/postfix-gone on this host"}));
}

TEST(HostConflictsTest, ANewDirectoryAroundAnUnlistedInstancesIsReported) {
    EXPECT_EQ(problems("version: 1\ninstances:\n"
                       "  - name: postfix-b\n    data_directory: /srv/mta\n"),
              (Strings{"m.yaml:3:5: postfix-b's data_directory /srv/mta overlaps /srv/mta/etc's "
                       "config_directory /srv/mta/etc on this host",
                       "m.yaml:3:5: postfix-b's data_directory /srv/mta overlaps /srv/mta/etc's "
                       "queue_directory /srv/mta/spool on this host",
                       "m.yaml:3:5: postfix-b's data_directory /srv/mta overlaps /srv/mta/etc's "
                       "data_directory /srv/mta/lib on this host"}));
}

TEST(HostConflictsTest, ThePrimarysDirectoriesAreTheHostsOwn) {
    instance::HostState state = host();
    state.instances[0].queue_directory = "/srv/spool";  // not Postfix's default
    EXPECT_EQ(problems("version: 1\ninstances:\n"
                       "  - name: postfix-b\n    queue_directory: /srv/spool/b\n",
                       state),
              (Strings{"m.yaml:3:5: postfix-b's queue_directory /srv/spool/b overlaps the "
                       "primary's queue_directory /srv/spool on this host"}));
}

TEST(HostConflictsTest, DerivedDirectoriesFollowTheHostPrimarys) {
    instance::HostState state = host();
    state.instances[2].queue_directory = "/srv/spool";
    state.instances[0].queue_directory = "/srv/spool/primary";  // postfix-b: /srv/spool/postfix-b
    EXPECT_EQ(problems("version: 1\ninstances:\n  - name: postfix-b\n", state),
              (Strings{"m.yaml:3:5: postfix-b's queue_directory /srv/spool/postfix-b overlaps "
                       "/srv/mta/etc's queue_directory /srv/spool on this host"}));
}

TEST(HostConflictsTest, InstancesTheManifestListsAreNotBystanders) {
    // postfix-a is listed (by name, or by its config directory, or as absent): the planner and
    // the validator judge it; only equal directories would be refused later, in postmulti's words.
    EXPECT_EQ(problems("version: 1\ninstances:\n"
                       "  - name: postfix-a\n"
                       "  - name: postfix-b\n    queue_directory: /var/spool/postfix-a/b\n"),
              Strings{});
    EXPECT_EQ(problems("version: 1\ninstances:\n"
                       "  - name: postfix-renamed\n    config_directory: /etc/postfix-a\n"
                       "  - name: postfix-b\n    queue_directory: /var/spool/postfix-a/b\n"),
              Strings{});
    EXPECT_EQ(problems("version: 1\ninstances:\n"
                       "  - name: postfix-a\n    state: absent\n"
                       "  - name: postfix-b\n    config_directory: /etc/postfix-a/b\n"),
              Strings{});
}

TEST(HostConflictsTest, ExistingInstancesAreNotCheckedAgain) {
    // postfix-a already lives where it lives; only what the manifest adds is checked.
    EXPECT_EQ(problems("version: 1\ninstances:\n  - name: postfix-a\n    group: other\n"),
              Strings{});
}

TEST(HostConflictsTest, EqualDirectoriesAreLeftToPostmultisClaims) {
    EXPECT_EQ(problems("version: 1\ninstances:\n"
                       "  - name: postfix-b\n    queue_directory: /var/spool/postfix-a\n"),
              Strings{});
}

TEST(HostConflictsTest, SiblingsWithACommonPrefixDoNotOverlap) {
    EXPECT_EQ(problems("version: 1\ninstances:\n"
                       "  - name: postfix-b\n    config_directory: /etc/postfix-ab\n"
                       "    queue_directory: /var/spool/postfix-a-b\n"),
              Strings{});
}

TEST(HostConflictsTest, AnAbsentEntryAddsNothing) {
    EXPECT_EQ(problems("version: 1\ninstances:\n"
                       "  - name: postfix-b\n    state: absent\n"
                       "    config_directory: /etc/postfix-a/b\n"),
              Strings{});
}

}  // namespace
}  // namespace pmr::manifest
