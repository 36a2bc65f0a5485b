#include "core/instance/host_state.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <map>

namespace pmr::instance {
namespace {

using maincf::MainCf;
using maincf::ParameterDefaults;
using Strings = std::vector<std::string>;

/// A host described by main.cf texts: the primary's, the secondaries' by config directory, and
/// the read errors of secondaries that could not be read.
struct TestHost {
    std::string primary;
    std::map<std::string, std::string> secondaries;
    std::map<std::string, std::string> read_errors;
    std::map<std::string, std::string> master_cf_errors{};  ///< secondaries without master.cf

    [[nodiscard]] HostFiles files() const {
        HostFiles f{MainCf::parse(primary, "/etc/postfix/main.cf"), {}, {}, {}};
        for (const auto& [dir, text] : secondaries) {
            f.secondaries.emplace(dir, MainCf::parse(text, dir + "/main.cf"));
        }
        for (const auto& [dir, reason] : read_errors)
            f.read_errors.emplace(dir, reason);
        for (const auto& [dir, reason] : master_cf_errors)
            f.master_cf_errors.emplace(dir, reason);
        return f;
    }
};

struct Built {
    std::optional<HostState> state;
    Strings problems;  ///< Postfix's rendering of each problem
    Strings warnings;  ///< the same, for the problems that are warnings only
};

Built build(const TestHost& host) {
    Diagnostics problems;
    Built built;
    built.state =
        build_host_state(host.files(), "/etc/postfix", ParameterDefaults::builtin(), problems);
    for (const Diagnostic& d : problems) {
        built.problems.push_back(d.to_postfix_string());
        if (d.severity == Severity::warning)
            built.warnings.push_back(d.to_postfix_string());
    }
    return built;
}

/// The main.cf of a secondary named postfix-SUFFIX with its own queue and data directories.
std::string secondary_cf(const std::string& suffix, const std::string& extra = "") {
    return "queue_directory = /var/spool/postfix-" + suffix +
           "\ndata_directory = /var/lib/postfix-" + suffix + "\nmulti_instance_name = postfix-" +
           suffix + "\n" + extra;
}

const std::string initialised =
    "multi_instance_wrapper = ${command_directory}/postmulti -p --\n"
    "multi_instance_enable = yes\n";

Strings config_directories(const HostState& state) {
    Strings dirs;
    for (const Instance& i : state.instances)
        dirs.push_back(i.config_directory);
    return dirs;
}

// --- the primary ------------------------------------------------------------------------------

TEST(BuildHostStateTest, EmptyPrimaryIsOneEnabledInstanceWithDefaults) {
    const Built b = build({"", {}, {}});
    ASSERT_TRUE(b.state) << ::testing::PrintToString(b.problems);
    EXPECT_TRUE(b.problems.empty());
    ASSERT_EQ(b.state->instances.size(), 1u);
    EXPECT_EQ(b.state->primary(), (Instance{"/etc/postfix", "/var/spool/postfix",
                                            "/var/lib/postfix", "", "", true, true}));
    EXPECT_EQ(b.state->shared.command_directory, "/usr/sbin");
    EXPECT_EQ(b.state->shared.daemon_directory, "/usr/lib/postfix/sbin");
    EXPECT_EQ(b.state->shared.meta_directory, "/etc/postfix");
    EXPECT_EQ(b.state->shared.shlib_directory, "/usr/lib/postfix");
    EXPECT_EQ(b.state->multi_instance_wrapper, "");
    EXPECT_EQ(b.state->multi_instance_enable, "no");
    EXPECT_TRUE(b.state->alternate_config_directories.empty());
    EXPECT_EQ(b.state->start_commands, Strings{"start"});
    EXPECT_EQ(b.state->stop_commands, (Strings{"stop", "abort", "drain", "quick-stop"}));
    EXPECT_EQ(b.state->control_commands, (Strings{"reload", "flush"}));
    EXPECT_TRUE(b.state->secondary_directories().empty());
}

TEST(BuildHostStateTest, PrimaryConfigDirectoryIsTheOneGiven) {
    Diagnostics problems;
    const auto state = build_host_state(TestHost{}.files(), "/srv/root/etc/postfix",
                                        ParameterDefaults::builtin(), problems);
    ASSERT_TRUE(state);
    EXPECT_EQ(state->primary().config_directory, "/srv/root/etc/postfix");
}

TEST(BuildHostStateTest, PrimaryReadsItsExpandedSettings) {
    const Built b =
        build({"base = /srv\n"
               "queue_directory = $base/spool\n"
               "data_directory = ${base}/data\n"
               "multi_instance_name = postfix-main\n"
               "multi_instance_group = mta\n"
               "command_directory = $(base)/sbin\n" +
                   initialised,
               {},
               {}});
    ASSERT_TRUE(b.state) << ::testing::PrintToString(b.problems);
    EXPECT_EQ(b.state->primary(), (Instance{"/etc/postfix", "/srv/spool", "/srv/data",
                                            "postfix-main", "mta", true, true}));
    EXPECT_EQ(b.state->shared.command_directory, "/srv/sbin");
    EXPECT_EQ(b.state->multi_instance_wrapper, "/srv/sbin/postmulti -p --");
    EXPECT_EQ(b.state->multi_instance_enable, "yes");
}

TEST(BuildHostStateTest, SingleInstanceModeEnablesTheDisabledPrimary) {
    const Built b = build({"multi_instance_enable = no\n", {}, {}});
    ASSERT_TRUE(b.state);
    EXPECT_TRUE(b.state->primary().enabled);
    EXPECT_EQ(b.state->multi_instance_enable, "no");
}

TEST(BuildHostStateTest, ListOfOnlySeparatorsIsSingleInstanceMode) {
    const Built b = build({"multi_instance_directories = , ,\t,\n", {}, {}});
    ASSERT_TRUE(b.state);
    EXPECT_EQ(b.state->instances.size(), 1u);
    EXPECT_TRUE(b.state->primary().enabled);
}

TEST(BuildHostStateTest, PrimaryWithSecondariesFollowsItsEnableSetting) {
    const Built b = build({"multi_instance_directories = /etc/postfix-a\n",
                           {{"/etc/postfix-a", secondary_cf("a")}},
                           {}});
    ASSERT_TRUE(b.state) << ::testing::PrintToString(b.problems);
    EXPECT_FALSE(b.state->primary().enabled);
}

TEST(BuildHostStateTest, PrimaryEnableIsCaseInsensitive) {
    const Built b =
        build({"multi_instance_enable = YES\nmulti_instance_directories = /etc/postfix-a\n",
               {{"/etc/postfix-a", secondary_cf("a")}},
               {}});
    ASSERT_TRUE(b.state) << ::testing::PrintToString(b.problems);
    EXPECT_TRUE(b.state->primary().enabled);
    EXPECT_EQ(b.state->multi_instance_enable, "YES");  // as written: the script's test is exact
}

TEST(BuildHostStateTest, PrimaryEnableThatIsNotABooleanIsPostfixsBadBooleanError) {
    const Built b = build({"multi_instance_enable = true\n", {}, {}});
    EXPECT_FALSE(b.state);
    EXPECT_EQ(b.problems, Strings{"bad boolean configuration: multi_instance_enable = true"});
}

TEST(BuildHostStateTest, PrimaryEnableIsJudgedAfterExpansion) {
    const Built b = build({"flag = maybe\nmulti_instance_enable = $flag\n", {}, {}});
    EXPECT_FALSE(b.state);
    EXPECT_EQ(b.problems, Strings{"bad boolean configuration: multi_instance_enable = maybe"});
}

TEST(BuildHostStateTest, PrimaryWithSyntaxErrorsReportsThemAll) {
    const Built b = build({"a = 1\nnot a definition\n=2\n", {}, {}});
    EXPECT_FALSE(b.state);
    EXPECT_EQ(b.problems, (Strings{
                              "/etc/postfix/main.cf, line 2: missing '=' after attribute name: "
                              "\"not a definition\"",
                              "/etc/postfix/main.cf, line 3: missing attribute name: \"=2\"",
                          }));
}

TEST(BuildHostStateTest, PrimaryExpansionErrorNamesTheFileLineAndParameter) {
    const Built b = build({"# x\nqueue_directory = ${broken\n", {}, {}});
    EXPECT_FALSE(b.state);
    EXPECT_EQ(b.problems, Strings{"/etc/postfix/main.cf, line 2: queue_directory: truncated macro "
                                  "reference: \"${broken\""});
}

TEST(BuildHostStateTest, ReadsAlternatesAndCommandClasses) {
    const Built b =
        build({"alternate_config_directories = /etc/old1,/etc/old2 /etc/old3\n"
               "postmulti_start_commands = start, begin\n"
               "postmulti_stop_commands = stop\n"
               "postmulti_control_commands =\n",
               {},
               {}});
    ASSERT_TRUE(b.state);
    EXPECT_EQ(b.state->alternate_config_directories,
              (Strings{"/etc/old1", "/etc/old2", "/etc/old3"}));
    EXPECT_EQ(b.state->start_commands, (Strings{"start", "begin"}));
    EXPECT_EQ(b.state->stop_commands, Strings{"stop"});
    EXPECT_TRUE(b.state->control_commands.empty());
}

// --- secondaries ------------------------------------------------------------------------------

TEST(BuildHostStateTest, SecondariesFollowThePrimaryInListOrder) {
    const Built b =
        build({"multi_instance_directories = /etc/postfix-c, /etc/postfix-a\n"
               "\t/etc/postfix-b\n",
               {{"/etc/postfix-a", secondary_cf("a")},
                {"/etc/postfix-b", secondary_cf("b")},
                {"/etc/postfix-c", secondary_cf("c")}},
               {}});
    ASSERT_TRUE(b.state) << ::testing::PrintToString(b.problems);
    EXPECT_EQ(config_directories(*b.state),
              (Strings{"/etc/postfix", "/etc/postfix-c", "/etc/postfix-a", "/etc/postfix-b"}));
    EXPECT_EQ(b.state->secondary_directories(),
              (Strings{"/etc/postfix-c", "/etc/postfix-a", "/etc/postfix-b"}));
    EXPECT_TRUE(b.state->instances[0].primary);
    EXPECT_FALSE(b.state->instances[1].primary);
}

// The reader form (used to list 1,000 instances without holding every main.cf) asks for each
// secondary as it comes to it, in list order, and stops at the first one it cannot read.
TEST(BuildHostStateTest, ReaderIsAskedForEachSecondaryInOrderUntilOneFails) {
    const MainCf primary = MainCf::parse(
        "multi_instance_directories = /etc/postfix-c /etc/postfix-a /etc/postfix-x "
        "/etc/postfix-b\n",
        "/etc/postfix/main.cf");
    Strings asked;
    const SecondaryReader read = [&asked](const std::string& dir) {
        asked.push_back(dir);
        SecondaryFiles files;
        if (dir == "/etc/postfix-x") {
            files.read_error = "open /etc/postfix-x/main.cf: No such file or directory";
        } else {
            files.main_cf =
                MainCf::parse(secondary_cf(dir.substr(dir.rfind('-') + 1)), dir + "/main.cf");
        }
        return files;
    };
    Diagnostics problems;
    EXPECT_FALSE(
        build_host_state(primary, read, "/etc/postfix", ParameterDefaults::builtin(), problems));
    EXPECT_EQ(asked, (Strings{"/etc/postfix-c", "/etc/postfix-a", "/etc/postfix-x"}));
    ASSERT_FALSE(problems.empty());
    EXPECT_EQ(problems.back().to_postfix_string(),
              "Failed to obtain all required /etc/postfix-x/main.cf parameters");
}

TEST(BuildHostStateTest, SecondaryListIsExpanded) {
    const Built b = build({"etc = /etc\nmulti_instance_directories = $etc/postfix-a\n",
                           {{"/etc/postfix-a", secondary_cf("a")}},
                           {}});
    ASSERT_TRUE(b.state) << ::testing::PrintToString(b.problems);
    EXPECT_EQ(b.state->secondary_directories(), Strings{"/etc/postfix-a"});
}

TEST(BuildHostStateTest, SecondaryRecordComesFromItsOwnMainCf) {
    const Built b =
        build({"multi_instance_directories = /etc/postfix-a\nmulti_instance_group = g\n",
               {{"/etc/postfix-a", secondary_cf("a", "multi_instance_enable = yes\n")}},
               {}});
    ASSERT_TRUE(b.state) << ::testing::PrintToString(b.problems);
    EXPECT_EQ(b.state->instances[1],
              (Instance{"/etc/postfix-a", "/var/spool/postfix-a", "/var/lib/postfix-a", "postfix-a",
                        "", true, false}));
}

TEST(BuildHostStateTest, SecondaryValuesExpandInTheSecondarysOwnContext) {
    const Built b = build({"multi_instance_directories = /etc/postfix-a\nspool = /primary-only\n",
                           {{"/etc/postfix-a",
                             "multi_instance_name = postfix-a\n"
                             "spool = /var/spool\n"
                             "queue_directory = $spool/${multi_instance_name}\n"
                             "data_directory = /var/lib/$(multi_instance_name)\n"
                             "multi_instance_group = ${multi_instance_name?{named}:{unnamed}}\n"}},
                           {}});
    ASSERT_TRUE(b.state) << ::testing::PrintToString(b.problems);
    EXPECT_EQ(b.state->instances[1].queue_directory, "/var/spool/postfix-a");
    EXPECT_EQ(b.state->instances[1].data_directory, "/var/lib/postfix-a");
    EXPECT_EQ(b.state->instances[1].group, "named");
}

TEST(BuildHostStateTest, SecondaryDoesNotSeeThePrimarysParameters) {
    const Built b =
        build({"multi_instance_directories = /etc/postfix-a\nspool = /primary\n",
               {{"/etc/postfix-a", "queue_directory = /q$spool\ndata_directory = /var/lib/a\n"}},
               {}});
    ASSERT_TRUE(b.state) << ::testing::PrintToString(b.problems);
    EXPECT_EQ(b.state->instances[1].queue_directory, "/q");
}

TEST(BuildHostStateTest, SecondaryConfigDirectoryExpandsToItsOwnDirectory) {
    // postmulti reads a secondary with `postconf -c DIR -x`, which sets config_directory to DIR.
    const Built b = build({"multi_instance_directories = /etc/postfix-a\n",
                           {{"/etc/postfix-a",
                             "queue_directory = /var/spool/postfix-a\n"
                             "data_directory = $config_directory/data\n"}},
                           {}});
    ASSERT_TRUE(b.state) << ::testing::PrintToString(b.problems);
    EXPECT_EQ(b.state->instances[1].data_directory, "/etc/postfix-a/data");
}

TEST(BuildHostStateTest, SecondaryMainCfSettingConfigDirectoryWinsInExpansion) {
    const Built b = build({"multi_instance_directories = /etc/postfix-a\n",
                           {{"/etc/postfix-a",
                             "config_directory = /elsewhere\n"
                             "queue_directory = /var/spool/postfix-a\n"
                             "data_directory = $config_directory/data\n"}},
                           {}});
    ASSERT_TRUE(b.state) << ::testing::PrintToString(b.problems);
    EXPECT_EQ(b.state->instances[1].config_directory, "/etc/postfix-a");
    EXPECT_EQ(b.state->instances[1].data_directory, "/elsewhere/data");
}

TEST(BuildHostStateTest, SecondaryEnableIsCaseInsensitive) {
    const Built b =
        build({"multi_instance_directories = /etc/postfix-a /etc/postfix-b /etc/postfix-c\n",
               {{"/etc/postfix-a", secondary_cf("a", "multi_instance_enable = YES\n")},
                {"/etc/postfix-b", secondary_cf("b", "multi_instance_enable = No\n")},
                {"/etc/postfix-c", secondary_cf("c", "f = yEs\nmulti_instance_enable = $f\n")}},
               {}});
    ASSERT_TRUE(b.state) << ::testing::PrintToString(b.problems);
    EXPECT_TRUE(b.state->instances[1].enabled);
    EXPECT_FALSE(b.state->instances[2].enabled);
    EXPECT_TRUE(b.state->instances[3].enabled);
}

TEST(BuildHostStateTest, SecondaryEnableThatIsNotYesOrNoIsUnexpectedEntry) {
    const Built b =
        build({"multi_instance_directories = /etc/postfix-a\n",
               {{"/etc/postfix-a", secondary_cf("a", "multi_instance_enable = maybe\n")}},
               {}});
    EXPECT_FALSE(b.state);
    EXPECT_EQ(b.problems,
              Strings{"Unexpected /etc/postfix-a/main.cf entry: multi_instance_enable = maybe"});
}

TEST(BuildHostStateTest, SecondaryEnableTrueIsNotAccepted) {
    // load_instance() knows only yes and no, unlike mail_conf_bool.
    const Built b =
        build({"multi_instance_directories = /etc/postfix-a\n",
               {{"/etc/postfix-a", secondary_cf("a", "multi_instance_enable = true\n")}},
               {}});
    EXPECT_FALSE(b.state);
    EXPECT_EQ(b.problems,
              Strings{"Unexpected /etc/postfix-a/main.cf entry: multi_instance_enable = true"});
}

TEST(BuildHostStateTest, MissingSecondaryReportsTheReadErrorThenFailedToObtain) {
    const Built b =
        build({"multi_instance_directories = /etc/postfix-a\n",
               {},
               {{"/etc/postfix-a", "open /etc/postfix-a/main.cf: No such file or directory"}}});
    EXPECT_FALSE(b.state);
    EXPECT_EQ(b.problems, (Strings{
                              "open /etc/postfix-a/main.cf: No such file or directory",
                              "Failed to obtain all required /etc/postfix-a/main.cf parameters",
                          }));
}

TEST(BuildHostStateTest, SecondaryWithNeitherFileNorReasonStillFailsToObtain) {
    const Built b = build({"multi_instance_directories = /etc/postfix-a\n", {}, {}});
    EXPECT_FALSE(b.state);
    EXPECT_EQ(b.problems,
              Strings{"Failed to obtain all required /etc/postfix-a/main.cf parameters"});
}

TEST(BuildHostStateTest, FirstBrokenSecondaryStopsTheLoad) {
    const Built b =
        build({"multi_instance_directories = /etc/postfix-a /etc/postfix-b\n",
               {},
               {{"/etc/postfix-a", "open /etc/postfix-a/main.cf: Permission denied"},
                {"/etc/postfix-b", "open /etc/postfix-b/main.cf: No such file or directory"}}});
    EXPECT_FALSE(b.state);
    EXPECT_EQ(b.problems, (Strings{
                              "open /etc/postfix-a/main.cf: Permission denied",
                              "Failed to obtain all required /etc/postfix-a/main.cf parameters",
                          }));
}

TEST(BuildHostStateTest, SecondaryWithSyntaxErrorFailsToObtain) {
    const Built b = build({"multi_instance_directories = /etc/postfix-a\n",
                           {{"/etc/postfix-a", secondary_cf("a", "garbage\n")}},
                           {}});
    EXPECT_FALSE(b.state);
    EXPECT_EQ(b.problems, (Strings{
                              "/etc/postfix-a/main.cf, line 4: missing '=' after attribute name: "
                              "\"garbage\"",
                              "Failed to obtain all required /etc/postfix-a/main.cf parameters",
                          }));
}

TEST(BuildHostStateTest, SecondaryExpansionErrorFailsToObtain) {
    const Built b =
        build({"multi_instance_directories = /etc/postfix-a\n",
               {{"/etc/postfix-a", "queue_directory = /var/spool/a\ndata_directory = ${x\n"}},
               {}});
    EXPECT_FALSE(b.state);
    EXPECT_EQ(b.problems, (Strings{
                              "/etc/postfix-a/main.cf, line 2: data_directory: truncated macro "
                              "reference: \"${x\"",
                              "Failed to obtain all required /etc/postfix-a/main.cf parameters",
                          }));
}

TEST(BuildHostStateTest, FindsInstancesByConfigDirectory) {
    const Built b = build({"multi_instance_directories = /etc/postfix-a\n",
                           {{"/etc/postfix-a", secondary_cf("a")}},
                           {}});
    ASSERT_TRUE(b.state);
    ASSERT_NE(b.state->find_by_config_directory("/etc/postfix-a"), nullptr);
    EXPECT_EQ(b.state->find_by_config_directory("/etc/postfix-a")->name, "postfix-a");
    EXPECT_EQ(b.state->find_by_config_directory("/etc/postfix"), &b.state->primary());
    EXPECT_EQ(b.state->find_by_config_directory("/etc/postfix-b"), nullptr);
    EXPECT_EQ(b.state->find_by_config_directory("postfix-a"), nullptr);
}

// --- claims -----------------------------------------------------------------------------------

TEST(BuildHostStateTest, SecondarySharingThePrimarysQueueConflicts) {
    const Built b = build({"multi_instance_directories = /etc/postfix-a\n",
                           {{"/etc/postfix-a", "data_directory = /var/lib/postfix-a\n"}},
                           {}});
    EXPECT_FALSE(b.state);
    EXPECT_EQ(b.problems, Strings{"instance /etc/postfix-a, queue_directory=/var/spool/postfix "
                                  "conflicts with instance /etc/postfix, "
                                  "queue_directory=/var/spool/postfix"});
}

TEST(BuildHostStateTest, DuplicateInstanceNamesConflict) {
    const Built b =
        build({"multi_instance_name = postfix-dup\n"
               "multi_instance_directories = /etc/postfix-a\n",
               {{"/etc/postfix-a", secondary_cf("a", "multi_instance_name = postfix-dup\n")}},
               {}});
    EXPECT_FALSE(b.state);
    EXPECT_EQ(b.problems, Strings{"instance /etc/postfix-a, multi_instance_name=postfix-dup "
                                  "conflicts with instance /etc/postfix, "
                                  "multi_instance_name=postfix-dup"});
}

TEST(BuildHostStateTest, SecondaryUsingAnotherSecondarysConfigDirectoryConflicts) {
    const Built b = build(
        {"multi_instance_directories = /etc/postfix-a /etc/postfix-b\n",
         {{"/etc/postfix-a", secondary_cf("a")},
          {"/etc/postfix-b", "queue_directory = /etc/postfix-a\ndata_directory = /var/lib/b\n"}},
         {}});
    EXPECT_FALSE(b.state);
    EXPECT_EQ(b.problems, Strings{"instance /etc/postfix-b, queue_directory=/etc/postfix-a "
                                  "conflicts with instance /etc/postfix-a, "
                                  "config_directory=/etc/postfix-a"});
}

TEST(BuildHostStateTest, SecondaryUsingASharedDirectoryConflicts) {
    const Built b =
        build({"multi_instance_directories = /etc/postfix-a\n",
               {{"/etc/postfix-a",
                 "queue_directory = /var/spool/a\ndata_directory = /usr/lib/postfix\n"}},
               {}});
    EXPECT_FALSE(b.state);
    EXPECT_EQ(b.problems, Strings{"instance /etc/postfix-a, data_directory=/usr/lib/postfix "
                                  "conflicts with instance /etc/postfix, "
                                  "shlib_directory=/usr/lib/postfix"});
}

TEST(BuildHostStateTest, PrimaryQueueInASharedDirectoryConflicts) {
    // Shared directories are claimed before the primary's own.
    const Built b = build({"queue_directory = /usr/sbin\n", {}, {}});
    EXPECT_FALSE(b.state);
    EXPECT_EQ(b.problems, Strings{"instance /etc/postfix, queue_directory=/usr/sbin conflicts "
                                  "with instance /etc/postfix, command_directory=/usr/sbin"});
}

TEST(BuildHostStateTest, SharedDirectoriesEqualToEachOtherConflict) {
    const Built b = build({"daemon_directory = /usr/sbin\n", {}, {}});
    EXPECT_FALSE(b.state);
    EXPECT_EQ(b.problems, Strings{"instance /etc/postfix, daemon_directory=/usr/sbin conflicts "
                                  "with instance /etc/postfix, command_directory=/usr/sbin"});
}

TEST(BuildHostStateTest, MetaDirectoryIsNeverClaimed) {
    // The default meta_directory is the primary's config directory.
    const Built b =
        build({"meta_directory = /etc/postfix-a\n"
               "multi_instance_directories = /etc/postfix-a\n",
               {{"/etc/postfix-a", secondary_cf("a")}},
               {}});
    ASSERT_TRUE(b.state) << ::testing::PrintToString(b.problems);
    EXPECT_EQ(b.state->claims.owner("/etc/postfix-a"), "/etc/postfix-a, config_directory");
}

TEST(BuildHostStateTest, NonAbsoluteSharedDirectoriesAreNotClaimed) {
    const Built b = build({"shlib_directory = no\n", {}, {}});
    ASSERT_TRUE(b.state) << ::testing::PrintToString(b.problems);
    EXPECT_EQ(b.state->claims.owner("no"), std::nullopt);
    EXPECT_EQ(b.state->claims.owner("/usr/sbin"), "/etc/postfix, command_directory");
}

TEST(BuildHostStateTest, RegistryHoldsEveryClaim) {
    const Built b = build({"multi_instance_directories = /etc/postfix-a\n",
                           {{"/etc/postfix-a", secondary_cf("a")}},
                           {}});
    ASSERT_TRUE(b.state) << ::testing::PrintToString(b.problems);
    const ClaimRegistry& claims = b.state->claims;
    EXPECT_EQ(claims.owner("/usr/sbin"), "/etc/postfix, command_directory");
    EXPECT_EQ(claims.owner("/usr/lib/postfix/sbin"), "/etc/postfix, daemon_directory");
    EXPECT_EQ(claims.owner("/usr/lib/postfix"), "/etc/postfix, shlib_directory");
    EXPECT_EQ(claims.owner("/etc/postfix"), "/etc/postfix, config_directory");
    EXPECT_EQ(claims.owner("/var/spool/postfix"), "/etc/postfix, queue_directory");
    EXPECT_EQ(claims.owner("/var/lib/postfix"), "/etc/postfix, data_directory");
    EXPECT_EQ(claims.owner("postfix-a"), "/etc/postfix-a, multi_instance_name");
    EXPECT_EQ(claims.owner("/etc/postfix-a"), "/etc/postfix-a, config_directory");
    EXPECT_EQ(claims.owner("/var/spool/postfix-a"), "/etc/postfix-a, queue_directory");
    EXPECT_EQ(claims.owner("/var/lib/postfix-a"), "/etc/postfix-a, data_directory");
}

TEST(BuildHostStateTest, UnnamedInstancesDoNotClaimTheEmptyName) {
    const Built b = build({"multi_instance_directories = /etc/postfix-a /etc/postfix-b\n",
                           {{"/etc/postfix-a", "queue_directory = /q/a\ndata_directory = /d/a\n"},
                            {"/etc/postfix-b", "queue_directory = /q/b\ndata_directory = /d/b\n"}},
                           {}});
    ASSERT_TRUE(b.state) << ::testing::PrintToString(b.problems);
    EXPECT_EQ(b.state->instances.size(), 3u);
    EXPECT_EQ(b.state->claims.owner(""), std::nullopt);
}

TEST(BuildHostStateTest, GroupsAreNeverClaimed) {
    const Built b =
        build({"multi_instance_group = mta\nmulti_instance_directories = /etc/postfix-a\n",
               {{"/etc/postfix-a", secondary_cf("a", "multi_instance_group = mta\n")}},
               {}});
    ASSERT_TRUE(b.state) << ::testing::PrintToString(b.problems);
    EXPECT_EQ(b.state->claims.owner("mta"), std::nullopt);
}

TEST(BuildHostStateTest, SecondaryListedTwiceIsLoadedTwiceWithoutConflict) {
    // The second load claims the same values with the same owners, which postmulti allows.
    const Built b = build({"multi_instance_directories = /etc/postfix-a /etc/postfix-a\n",
                           {{"/etc/postfix-a", secondary_cf("a")}},
                           {}});
    ASSERT_TRUE(b.state) << ::testing::PrintToString(b.problems);
    EXPECT_EQ(config_directories(*b.state),
              (Strings{"/etc/postfix", "/etc/postfix-a", "/etc/postfix-a"}));
}

// --- master.cf (bug fix, #3): postmulti reads each secondary with postconf, which warns -------

TEST(BuildHostStateTest, SecondaryWithoutMasterCfIsAWarningInInstanceOrder) {
    TestHost host{"multi_instance_directories = /etc/postfix-b /etc/postfix-a\n",
                  {{"/etc/postfix-a", secondary_cf("a")}, {"/etc/postfix-b", secondary_cf("b")}},
                  {}};
    host.master_cf_errors = {
        {"/etc/postfix-a", "open /etc/postfix-a/master.cf: No such file or directory"},
        {"/etc/postfix-b", "open /etc/postfix-b/master.cf: Permission denied"}};
    const Built b = build(host);
    ASSERT_TRUE(b.state) << ::testing::PrintToString(b.problems);
    EXPECT_EQ(b.warnings, (Strings{"open /etc/postfix-b/master.cf: Permission denied",
                                   "open /etc/postfix-a/master.cf: No such file or directory"}));
    EXPECT_EQ(b.problems, b.warnings);
}

TEST(BuildHostStateTest, MasterCfWarningPrecedesALaterSecondarysFailure) {
    TestHost host{"multi_instance_directories = /etc/postfix-a /etc/postfix-b\n",
                  {{"/etc/postfix-a", secondary_cf("a")}},
                  {{"/etc/postfix-b", "open /etc/postfix-b/main.cf: No such file or directory"}}};
    host.master_cf_errors = {
        {"/etc/postfix-a", "open /etc/postfix-a/master.cf: No such file or directory"}};
    const Built b = build(host);
    EXPECT_FALSE(b.state);
    EXPECT_EQ(b.problems, (Strings{
                              "open /etc/postfix-a/master.cf: No such file or directory",
                              "open /etc/postfix-b/main.cf: No such file or directory",
                              "Failed to obtain all required /etc/postfix-b/main.cf parameters",
                          }));
}

TEST(BuildHostStateTest, UnparsableMainCfHidesTheMasterCfWarning) {
    // postconf dies on main.cf before it opens master.cf.
    TestHost host{"multi_instance_directories = /etc/postfix-a\n",
                  {{"/etc/postfix-a", secondary_cf("a", "garbage\n")}},
                  {}};
    host.master_cf_errors = {
        {"/etc/postfix-a", "open /etc/postfix-a/master.cf: No such file or directory"}};
    const Built b = build(host);
    EXPECT_FALSE(b.state);
    EXPECT_TRUE(b.warnings.empty()) << ::testing::PrintToString(b.warnings);
}

// --- build_primary_state (bug fix, #3: init failed once any secondary was listed) -------------

TEST(BuildPrimaryStateTest, ListedSecondariesAreNotRead) {
    // Not even missing ones: postmulti's init never loads the secondaries.
    const MainCf primary = MainCf::parse(
        "multi_instance_directories = /etc/postfix-a /etc/postfix-gone\nmulti_instance_enable = "
        "no\n",
        "/etc/postfix/main.cf");
    Diagnostics problems;
    const auto state =
        build_primary_state(primary, "/etc/postfix", ParameterDefaults::builtin(), problems);
    EXPECT_TRUE(problems.empty()) << problems.front().to_postfix_string();
    ASSERT_TRUE(state);
    EXPECT_EQ(config_directories(*state), Strings{"/etc/postfix"});
    EXPECT_FALSE(state->primary().enabled);  // the list is not empty: multi-instance mode
}

TEST(BuildPrimaryStateTest, PrimaryProblemsStillFail) {
    const MainCf primary = MainCf::parse("multi_instance_enable = maybe\n", "/etc/postfix/main.cf");
    Diagnostics problems;
    EXPECT_FALSE(
        build_primary_state(primary, "/etc/postfix", ParameterDefaults::builtin(), problems));
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems.front().message, "bad boolean configuration: multi_instance_enable = maybe");
}

// --- split_list -------------------------------------------------------------------------------

TEST(SplitListTest, SplitsOnCommasAndWhiteSpace) {
    EXPECT_EQ(split_list("a,b c\td\re\nf"), (Strings{"a", "b", "c", "d", "e", "f"}));
}

TEST(SplitListTest, DropsEmptyElements) {
    EXPECT_EQ(split_list(" ,, a ,\t, b,, "), (Strings{"a", "b"}));
}

TEST(SplitListTest, EmptyOrSeparatorsOnlyIsEmpty) {
    EXPECT_TRUE(split_list("").empty());
    EXPECT_TRUE(split_list(" , \t,\n").empty());
}

TEST(SplitListTest, KeepsOtherPunctuation) {
    EXPECT_EQ(split_list("/etc/postfix-a;/x {y}"), (Strings{"/etc/postfix-a;/x", "{y}"}));
}

TEST(SplitListTest, SingleElement) {
    EXPECT_EQ(split_list("start"), Strings{"start"});
}

RC_GTEST_PROP(SplitListTest, RecoversTheElementsWhateverTheSeparators, ()) {
    const auto element = rc::gen::nonEmpty(
        rc::gen::container<std::string>(rc::gen::elementOf(std::string("abz/-_.$:{}=;09"))));
    const auto separator = rc::gen::nonEmpty(
        rc::gen::container<std::string>(rc::gen::elementOf(std::string(", \t\r\n"))));
    const auto elements = *rc::gen::container<Strings>(element);
    std::string text = *rc::gen::oneOf(rc::gen::just(std::string()), separator);
    for (const std::string& e : elements)
        text += e + *separator;
    RC_ASSERT(split_list(text) == elements);
}

}  // namespace
}  // namespace pmr::instance
