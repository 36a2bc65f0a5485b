#include "core/postfix_files/permission_plan.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "core/postfix_files/parser.h"

namespace pmr::postfix_files {
namespace {

/// Debian 12's postfix-files (Postfix 3.7.11), the file set-permissions reads on this host.
std::vector<Entry> debian_entries() {
    std::ifstream in(PMR_SOURCE_DIR
                     "/tests/unit/core/postfix_files/debian-12-postfix-3.7.11.postfix-files");
    std::stringstream text;
    text << in.rdbuf();
    return parse_postfix_files(text.str(), "/etc/postfix/postfix-files").entries;
}

/// Debian's installation parameters for an instance in /etc/postfix-out (postconf -xh).
Parameters debian_parameters(const std::string& name) {
    return {{"config_directory", "/etc/" + name},
            {"queue_directory", "/var/spool/" + name},
            {"data_directory", "/var/lib/" + name},
            {"command_directory", "/usr/sbin"},
            {"daemon_directory", "/usr/lib/postfix/sbin"},
            {"meta_directory", "/etc/postfix"},
            {"shlib_directory", "/usr/lib/postfix"},
            {"mail_owner", "postfix"},
            {"setgid_group", "postdrop"},
            {"sendmail_path", "/usr/sbin/sendmail"},
            {"mailq_path", "/usr/bin/mailq"},
            {"newaliases_path", "/usr/bin/newaliases"},
            {"html_directory", "no"},
            {"manpage_directory", "/usr/share/man"},
            {"sample_directory", "/etc/postfix"},
            {"readme_directory", "no"}};
}

std::vector<std::string> lines(const PermissionPlan& plan) {
    std::vector<std::string> out;
    for (const Step& step : plan.steps)
        out.push_back(to_string(step));
    return out;
}

std::vector<std::string> messages(const PermissionPlan& plan) {
    std::vector<std::string> out;
    for (const Diagnostic& d : plan.diagnostics)
        out.push_back(d.to_string());
    return out;
}

// What `strace -f postfix -c /etc/postfix-out set-permissions` shows for an instance that
// `postmulti -e create` made (and listed in multi_instance_directories), in this order.
TEST(PermissionPlanTest, AListedSecondaryGetsItsConfigQueueAndDataTreesOnly) {
    const auto entries = debian_entries();
    const auto plan = plan_set_permissions(
        entries, Target{debian_parameters("postfix-out"), Scope::instance_files, false});
    EXPECT_TRUE(plan.diagnostics.empty());
    EXPECT_EQ(lines(plan), (std::vector<std::string>{
                               "d /etc/postfix-out root 0755",
                               "d /var/lib/postfix-out postfix 0700 create",
                               "d /var/spool/postfix-out root 0755 create",
                               "d /var/spool/postfix-out/active postfix 0700 create recursive",
                               "d /var/spool/postfix-out/bounce postfix 0700 create recursive",
                               "d /var/spool/postfix-out/corrupt postfix 0700 create recursive",
                               "d /var/spool/postfix-out/defer postfix 0700 create recursive",
                               "d /var/spool/postfix-out/deferred postfix 0700 create recursive",
                               "d /var/spool/postfix-out/flush postfix 0700 create recursive",
                               "d /var/spool/postfix-out/hold postfix 0700 create recursive",
                               "d /var/spool/postfix-out/incoming postfix 0700 create recursive",
                               "d /var/spool/postfix-out/private postfix 0700 create",
                               "d /var/spool/postfix-out/maildrop postfix:postdrop 0730 create",
                               "d /var/spool/postfix-out/public postfix:postdrop 0710 create",
                               "d /var/spool/postfix-out/pid root 0755 create",
                               "d /var/spool/postfix-out/saved postfix 0700 create recursive",
                               "d /var/spool/postfix-out/trace postfix 0700 create recursive",
                               "f /etc/postfix-out/main.cf root 0644",
                               "f /etc/postfix-out/master.cf root 0644",
                           }));
}

TEST(PermissionPlanTest, StepsNameTheirTreeAndOrigin) {
    const auto entries = debian_entries();
    const auto plan = plan_set_permissions(
        entries, Target{debian_parameters("postfix-out"), Scope::instance_files, false});
    ASSERT_EQ(plan.steps.size(), 19u);
    EXPECT_EQ(plan.steps[0].root_parameter, "config_directory");
    EXPECT_EQ(plan.steps[1].root_parameter, "data_directory");
    EXPECT_EQ(plan.steps[12].root_parameter, "queue_directory");
    EXPECT_EQ(plan.steps[12].origin, "/etc/postfix/postfix-files");
    EXPECT_EQ(plan.steps[12].line, 61);
    EXPECT_EQ(plan.steps[12].mode, (Mode{0730, false}));
    int queue_or_data = 0;
    for (const Step& step : plan.steps) {
        if (step.root_parameter == "queue_directory" || step.root_parameter == "data_directory") {
            ++queue_or_data;
        }
    }
    EXPECT_EQ(queue_or_data, 16);
}

// The primary, or an instance missing from multi_instance_directories: post-install then
// resets every shared file too (checked with strace: 144 chmod calls, one per step).
TEST(PermissionPlanTest, EveryFileScopeCoversSharedFilesButNotLinksOrObsoleteOnes) {
    const auto entries = debian_entries();
    const auto plan = plan_set_permissions(
        entries, Target{debian_parameters("postfix"), Scope::every_file, true});
    EXPECT_TRUE(plan.diagnostics.empty());
    const auto all = lines(plan);
    EXPECT_EQ(all.size(), 144u);  // one chmod each in the strace
    auto has = [&all](const std::string& line) {
        return std::find(all.begin(), all.end(), line) != all.end();
    };
    EXPECT_TRUE(has("d /usr/lib/postfix/sbin root 0755"));
    EXPECT_TRUE(has("f /usr/sbin/postdrop root:postdrop 02755"));
    EXPECT_TRUE(has("f /usr/lib/postfix/libpostfix-util.so root 0755"));
    EXPECT_TRUE(has("f /usr/share/man/man8/oqmgr.8postfix.gz root 0644"));
    EXPECT_FALSE(has("f /usr/share/man/man5/generics.5.gz root 0644"));  // obsolete
    EXPECT_FALSE(has("f /usr/lib/postfix/sbin/nqmgr root 0644"));        // hard link
}

TEST(PermissionPlanTest, OptionalRecordsAreSkippedWhenAbsentOutsideTheDefaultInstance) {
    const auto parsed = parse_postfix_files("$config_directory/LICENSE:f:root:-:644:1\n", "p");
    const auto secondary = plan_set_permissions(
        parsed.entries, Target{debian_parameters("postfix-out"), Scope::instance_files, false});
    ASSERT_EQ(secondary.steps.size(), 1u);
    EXPECT_EQ(lines(secondary)[0], "f /etc/postfix-out/LICENSE root 0644 if-present");
    const auto primary = plan_set_permissions(
        parsed.entries, Target{debian_parameters("postfix"), Scope::every_file, true});
    EXPECT_EQ(lines(primary)[0], "f /etc/postfix/LICENSE root 0644");
}

TEST(PermissionPlanTest, NamesThatExpandToNoAreNotInstalled) {
    const auto parsed = parse_postfix_files(
        "$html_directory/index.html:f:root:-:644\n$readme_directory:d:root:-:755\n", "p");
    const auto plan = plan_set_permissions(
        parsed.entries, Target{debian_parameters("postfix"), Scope::every_file, true});
    EXPECT_TRUE(plan.steps.empty());
    EXPECT_TRUE(plan.diagnostics.empty());
}

TEST(PermissionPlanTest, ExpandsOwnerGroupAndFlagsButReadsDashAsNone) {
    Parameters parameters = debian_parameters("postfix-out");
    parameters["queue_flags"] = "ucr";
    const auto parsed = parse_postfix_files(
        "$queue_directory/x:d:${mail_owner}:-:750:$queue_flags\n"
        "$queue_directory/y:d:nobody:nogroup:2750:c\n",
        "p");
    const auto plan =
        plan_set_permissions(parsed.entries, Target{parameters, Scope::instance_files, false});
    EXPECT_EQ(lines(plan),
              (std::vector<std::string>{"d /var/spool/postfix-out/x postfix 0750 create recursive",
                                        "d /var/spool/postfix-out/y nobody:nogroup 02750 create"}));
}

TEST(PermissionPlanTest, ReportsRecordsThatCannotBePlanned) {
    Parameters parameters = debian_parameters("postfix-out");
    parameters["relative"] = "spool";
    parameters["nobody_at_all"] = "";
    const std::vector<Entry> entries = {
        {"$queue_directory/$nope", EntryType::directory, "root", "", "755", "", "files.d/a", 3},
        {"$relative/x", EntryType::directory, "root", "", "755", "", "files.d/a", 4},
        {"$data_directory/x", EntryType::directory, "$nobody_at_all", "", "755", "", "files.d/a",
         5},
        {"$data_directory/y", EntryType::file, "root", "$nogroup", "7", "", "files.d/a", 6},
        {"$data_directory/z", EntryType::file, "root", "", "a+r", "", "files.d/a", 7},
    };
    const auto plan = plan_set_permissions(entries, Target{parameters, Scope::every_file, false});
    EXPECT_TRUE(plan.steps.empty());
    EXPECT_EQ(messages(plan),
              (std::vector<std::string>{
                  "files.d/a:3: unknown parameter '$nope'",
                  "files.d/a:4: '$relative/x' expands to 'spool/x', not an absolute path",
                  "files.d/a:5: the owner '$nobody_at_all' expands to nothing",
                  "files.d/a:6: unknown parameter '$nogroup'",
                  "files.d/a:7: invalid permission 'a+r' (expected octal digits, at most 7777)"}));
}

TEST(PermissionPlanTest, TheInstanceScopeMatchesNamesByPrefixLikePostInstall) {
    const auto parsed = parse_postfix_files(
        "${queue_directory}/braced:d:root:-:755:c\n$queue_directory/plain:d:root:-:755:c\n", "p");
    const auto plan = plan_set_permissions(
        parsed.entries, Target{debian_parameters("postfix-out"), Scope::instance_files, false});
    EXPECT_EQ(lines(plan),
              (std::vector<std::string>{"d /var/spool/postfix-out/plain root 0755 create"}));
}

}  // namespace
}  // namespace pmr::postfix_files
