#include "core/manifest/directories.h"

#include <gtest/gtest.h>

#include "core/manifest/manifest_parser.h"

namespace pmr::manifest {
namespace {

/// A host with the primary (named postfix-main), postfix-x living in /etc/postfix-old (not where
/// its name derives to), and an unnamed instance in /etc/postfix-gone.
instance::HostState host() {
    instance::HostState state;
    state.instances.push_back({.config_directory = "/etc/postfix",
                               .queue_directory = "/var/spool/postfix",
                               .data_directory = "/var/lib/postfix",
                               .name = "postfix-main",
                               .group = "",
                               .primary = true});
    state.instances.push_back({.config_directory = "/etc/postfix-old",
                               .queue_directory = "/srv/old/spool",
                               .data_directory = "/srv/old/lib",
                               .name = "postfix-x",
                               .group = ""});
    state.instances.push_back({.config_directory = "/etc/postfix-gone",
                               .queue_directory = "/var/spool/postfix-gone",
                               .data_directory = "/var/lib/postfix-gone",
                               .name = "",
                               .group = ""});
    return state;
}

/// The one entry of `yaml`'s instances.
DesiredInstance entry(std::string_view yaml) {
    Diagnostics problems;
    const auto m = parse_manifest(std::string("version: 1\ninstances:\n") + std::string(yaml),
                                  "m.yaml", problems);
    if (!m || m->instances.size() != 1) {
        ADD_FAILURE() << "not one entry: " << yaml;
        return {};
    }
    return m->instances.front();
}

std::optional<Directories> on_host(std::string_view yaml) {
    const instance::HostState state = host();
    const instance::InstanceIndex index(state);
    return directories_of(entry(yaml), directories_of(state.primary()), &index);
}

TEST(DirectoriesTest, TheManifestsOwnAreCleaned) {
    EXPECT_EQ(directories_of(entry("  - name: postfix-a\n    config_directory: /srv/a/etc/\n"
                                   "    queue_directory: /srv/a/spool//\n"
                                   "    data_directory: /srv/a/lib\n"),
                             Directories{}, nullptr),
              (Directories{"/srv/a/etc", "/srv/a/spool", "/srv/a/lib"}));
}

TEST(DirectoriesTest, LeftOutTheyDeriveFromThePrimarysLikePostmulti) {
    const Directories primary{"/srv/etc/postfix", "/srv/spool/postfix", "/srv/lib/postfix"};
    EXPECT_EQ(
        directories_of(entry("  - name: postfix-a\n    queue_directory: /q\n"), primary, nullptr),
        (Directories{"/srv/etc/postfix-a", "/q", "/srv/lib/postfix-a"}));
}

// Where the copies of this rule disagreed: the host snapshot derived /etc/postfix-x here (it
// read, fingerprinted and checked the wrong directory, and counted the queue of an instance
// the plan keeps), while the planner meant the instance of the name.
TEST(DirectoriesTest, LeftOutTheConfigDirectoryIsThatOfTheSecondaryOfTheName) {
    EXPECT_EQ(on_host("  - name: postfix-x\n"),
              (Directories{"/etc/postfix-old", "/srv/old/spool", "/srv/old/lib"}));
    EXPECT_EQ(on_host("  - name: postfix-x\n    queue_directory: /srv/new/spool\n"),
              (Directories{"/etc/postfix-old", "/srv/new/spool", "/srv/old/lib"}));
    EXPECT_EQ(on_host("  - name: postfix-x\n    config_directory: /etc/postfix-x\n"),
              (Directories{"/etc/postfix-x", "/var/spool/postfix-x", "/var/lib/postfix-x"}));
}

// Where the copies disagreed too: the host's overlap check and the snapshot took an absent
// entry for the instance where its name derives to, which the planner leaves alone.
TEST(DirectoriesTest, AnAbsentEntryWhoseNameNoSecondaryHasMeansNoInstance) {
    EXPECT_EQ(on_host("  - name: postfix-gone\n    state: absent\n"), std::nullopt);
    EXPECT_EQ(on_host("  - name: postfix-x\n    state: absent\n")->config_directory,
              "/etc/postfix-old");
    EXPECT_EQ(on_host("  - name: postfix-gone\n    state: absent\n"
                      "    config_directory: /etc/postfix-gone\n")
                  ->config_directory,
              "/etc/postfix-gone");
}

TEST(DirectoriesTest, AnInstanceAlreadyThereKeepsItsDirectories) {
    EXPECT_EQ(
        on_host("  - name: postfix-gone\n"),
        (Directories{"/etc/postfix-gone", "/var/spool/postfix-gone", "/var/lib/postfix-gone"}));
}

TEST(DirectoriesTest, ThePrimarysNameIsNoSecondarys) {
    EXPECT_EQ(on_host("  - name: postfix-main\n")->config_directory, "/etc/postfix-main");
}

TEST(DirectoriesTest, AHostInstancesAreItsOwn) {
    const instance::HostState state = host();
    EXPECT_EQ(directories_of(state.instances[1]),
              (Directories{"/etc/postfix-old", "/srv/old/spool", "/srv/old/lib"}));
}

}  // namespace
}  // namespace pmr::manifest
