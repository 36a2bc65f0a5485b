#include "core/manifest/validator.h"

#include <gtest/gtest.h>

#include "core/manifest/manifest_parser.h"

namespace pmr::manifest {
namespace {

using Strings = std::vector<std::string>;

/// The validator's problems with a manifest that parses, rendered `FILE:LINE:COL: message`.
Strings problems(std::string_view yaml, const PrimaryDirectories& primary = {}) {
    Diagnostics parse_problems;
    const auto m = parse_manifest(yaml, "m.yaml", parse_problems);
    if (!m) {
        ADD_FAILURE() << "does not parse: " << yaml;
        return {};
    }
    Strings out;
    for (const Diagnostic& d : validate(*m, primary)) {
        EXPECT_EQ(d.severity, Severity::error);
        out.push_back(d.to_string());
    }
    return out;
}

std::string instance(std::string_view body) {
    return "version: 1\ninstances:\n  - " + std::string(body) + "\n";
}

TEST(ValidatorTest, AGoodManifestHasNoProblems) {
    EXPECT_EQ(problems("version: 1\n"
                       "primary:\n  parameters: {inet_interfaces: loopback-only, relayhost: null}\n"
                       "instances:\n"
                       "  - name: postfix-out\n"
                       "    group: mta\n"
                       "    config_directory: /etc/postfix-out/\n"
                       "    queue_directory: /var/spool/postfix-out\n"
                       "    parameters: {myhostname: out.example, master_service_disable: \"\"}\n"
                       "    protect: true\n"
                       "  - name: postfix-in\n"
                       "  - name: postfix-old\n    state: absent\n"),
              Strings{});
}

// --- names and groups ----------------------------------------------------------------------------

TEST(ValidatorTest, ANameMustStartWithPostfixDash) {
    EXPECT_EQ(problems(instance("name: out")),
              (Strings{"m.yaml:3:11: instance name 'out' must start with 'postfix-'"}));
    EXPECT_EQ(problems(instance("name: Postfix-out")),
              (Strings{"m.yaml:3:11: instance name 'Postfix-out' must start with 'postfix-'"}));
    EXPECT_EQ(problems(instance("name: postfix-")), Strings{});
}

TEST(ValidatorTest, ANameUsesOnlySafeCharacters) {
    for (const char* name :
         {"postfix-a/b", "postfix-a b", "postfix-a$", "postfix-é", "postfix-a*"}) {
        EXPECT_EQ(problems(instance("name: \"" + std::string(name) + "\"")),
                  (Strings{"m.yaml:3:11: instance name '" + std::string(name) +
                           "' may only contain letters, digits and !@%-_=+:."}))
            << name;
    }
    EXPECT_EQ(problems(instance("name: \"postfix-A_1!@%=+:.\"")), Strings{});
}

TEST(ValidatorTest, ANameIsListedOnce) {
    EXPECT_EQ(
        problems("version: 1\ninstances:\n"
                 "  - name: postfix-a\n"
                 "  - name: postfix-b\n"
                 "  - name: postfix-a\n    state: absent\n"),
        (Strings{"m.yaml:5:11: instance name 'postfix-a' is listed twice (first at line 3)"}));
}

TEST(ValidatorTest, AGroupUsesOnlySafeCharacters) {
    EXPECT_EQ(
        problems(instance("{name: postfix-a, group: \"m t a\"}")),
        (Strings{"m.yaml:3:30: group 'm t a' may only contain letters, digits and !@%-_=+:."}));
    EXPECT_EQ(problems(instance("{name: postfix-a, group: a/b}")),
              (Strings{"m.yaml:3:30: group 'a/b' may only contain letters, digits and !@%-_=+:."}));
    EXPECT_EQ(problems(instance("{name: postfix-a, group: \"\"}")), Strings{});
    EXPECT_EQ(problems(instance("{name: postfix-a, group: mta-1}")), Strings{});
}

TEST(ValidatorTest, AProtectedInstanceCannotBeAbsent) {
    EXPECT_EQ(
        problems(instance("{name: postfix-a, protect: true, state: absent}")),
        (Strings{"m.yaml:3:5: instance 'postfix-a' is protected and cannot be 'state: absent'"}));
    EXPECT_EQ(problems(instance("{name: postfix-a, protect: false, state: absent}")), Strings{});
}

TEST(ValidatorTest, AnAbsentInstanceCannotRun) {
    EXPECT_EQ(problems(instance("{name: postfix-a, running: true, state: absent}")),
              (Strings{"m.yaml:3:32: instance 'postfix-a' cannot be 'running: true' and 'state: "
                       "absent'"}));
    EXPECT_EQ(problems(instance("{name: postfix-a, running: false, state: absent}")), Strings{});
    // postfix -c DIR start runs a disabled instance too (pmreconcile.yaml(5) says what it means).
    EXPECT_EQ(problems(instance("{name: postfix-a, running: true, enable: false}")), Strings{});
}

// --- parameters ----------------------------------------------------------------------------------

TEST(ValidatorTest, ReservedParametersOfAnInstance) {
    for (const char* name : {"multi_instance_name", "multi_instance_group", "multi_instance_enable",
                             "multi_instance_wrapper", "multi_instance_directories",
                             "config_directory", "queue_directory", "data_directory"}) {
        EXPECT_TRUE(is_reserved_instance_parameter(name)) << name;
        EXPECT_EQ(problems(instance("name: postfix-a\n    parameters:\n      " + std::string(name) +
                                    ": x")),
                  (Strings{"m.yaml:5:7: parameter '" + std::string(name) +
                           "' is managed by pmreconcile; use the instance's name, group, enable "
                           "and directory keys instead"}))
            << name;
    }
    EXPECT_FALSE(is_reserved_instance_parameter("myhostname"));
}

TEST(ValidatorTest, ReservedParametersOfThePrimary) {
    for (const char* name :
         {"multi_instance_wrapper", "multi_instance_enable", "multi_instance_directories",
          "config_directory", "queue_directory", "data_directory"}) {
        EXPECT_TRUE(is_reserved_primary_parameter(name)) << name;
        EXPECT_EQ(
            problems("version: 1\nprimary:\n  parameters:\n    " + std::string(name) + ": x\n"),
            (Strings{"m.yaml:4:5: parameter '" + std::string(name) +
                     "' is managed by pmreconcile; use the instance's name, group, enable "
                     "and directory keys instead"}))
            << name;
    }
    // The primary may have a name and a group of its own.
    EXPECT_FALSE(is_reserved_primary_parameter("multi_instance_name"));
    EXPECT_FALSE(is_reserved_primary_parameter("multi_instance_group"));
    EXPECT_EQ(problems("version: 1\nprimary:\n  parameters: {multi_instance_group: mta}\n"),
              Strings{});
}

TEST(ValidatorTest, ParameterNamesAndValuesMainCfCanHold) {
    EXPECT_EQ(problems("version: 1\nprimary:\n  parameters:\n"
                       "    \"a b\": 1\n"
                       "    \"a=b\": 1\n"
                       "    \"#a\": 1\n"
                       "    \"\": 1\n"
                       "    multi: \"one\\ntwo\"\n"
                       "    nul: \"a\\0b\"\n"),
              (Strings{"m.yaml:4:5: bad parameter name \"a b\": white space or '=' not allowed",
                       "m.yaml:5:5: bad parameter name \"a=b\": white space or '=' not allowed",
                       "m.yaml:6:5: bad parameter name \"#a\": must not start with '#'",
                       "m.yaml:7:5: empty parameter name",
                       "m.yaml:8:5: parameter multi: value must be a single line",
                       "m.yaml:9:5: parameter nul: NUL byte in value"}));
}

TEST(ValidatorTest, ValuesThatBeginOrEndWithWhiteSpaceAreRefused) {
    // main.cf trims them: the value written would never read back, and every plan would show it.
    EXPECT_EQ(
        problems("version: 1\nprimary:\n  parameters:\n"
                 "    a: \" x\"\n"
                 "    b: \"x \"\n"
                 "    c: \"\\tx\"\n"
                 "    d: \" \"\n"
                 "    e: \"x  y\"\n"
                 "    f: \"\"\n"
                 "    g: null\n"),
        (Strings{"m.yaml:4:5: the value of 'a' begins or ends with white space, which main.cf "
                 "does not keep",
                 "m.yaml:5:5: the value of 'b' begins or ends with white space, which main.cf "
                 "does not keep",
                 "m.yaml:6:5: the value of 'c' begins or ends with white space, which main.cf "
                 "does not keep",
                 "m.yaml:7:5: the value of 'd' begins or ends with white space, which main.cf "
                 "does not keep"}));
}

// --- directories ---------------------------------------------------------------------------------

TEST(ValidatorTest, DirectoriesMustBeCleanAbsolutePaths) {
    const std::pair<const char*, const char*> cases[] = {
        {"etc/postfix-a", "must be an absolute path"},
        {"/", "must not be the root directory"},
        {"//", "must not be the root directory"},
        {"/etc//postfix-a", "must not contain '//'"},
        {"/etc/./postfix-a", "must not contain '.' or '..'"},
        {"/etc/postfix-a/..", "must not contain '.' or '..'"},
        {"/etc/postfix a", "may only contain letters, digits and !@%-_=+:./"},
        {"/etc/postfix-$a", "may only contain letters, digits and !@%-_=+:./"},
    };
    for (const auto& [path, why] : cases) {
        for (const char* key : {"config_directory", "queue_directory", "data_directory"}) {
            EXPECT_EQ(
                problems(instance("{name: postfix-a, " + std::string(key) + ": \"" + path + "\"}")),
                (Strings{"m.yaml:3:" + std::to_string(25 + std::string(key).size()) +
                         ": postfix-a: " + std::string(key) + " '" + path + "' " + why}))
                << key << " " << path;
        }
    }
    std::string cleaned;
    EXPECT_EQ(check_directory("/srv/a///", cleaned), "");
    EXPECT_EQ(cleaned, "/srv/a");
    EXPECT_EQ(clean_directory("/srv/a/"), "/srv/a");
    EXPECT_EQ(clean_directory("/"), "/");
}

TEST(ValidatorTest, DirectoriesDeriveFromTheName) {
    EXPECT_EQ(derived_directory("/etc/postfix", "postfix-out"), "/etc/postfix-out");
    EXPECT_EQ(derived_directory("/var/spool/postfix", "postfix-out"), "/var/spool/postfix-out");
    EXPECT_EQ(derived_directory("/srv/etc/", "postfix-out"), "/srv/etc/postfix-out");
}

TEST(ValidatorTest, NoDirectoryIsTheOneOfThePrimary) {
    EXPECT_EQ(problems(instance("{name: postfix-a, config_directory: /etc/postfix/}")),
              (Strings{"m.yaml:3:41: postfix-a's config_directory /etc/postfix is also the "
                       "primary's config_directory /etc/postfix"}));
    EXPECT_EQ(problems(instance("{name: postfix-a, data_directory: /var/spool/postfix}")),
              (Strings{"m.yaml:3:39: postfix-a's data_directory /var/spool/postfix is also the "
                       "primary's queue_directory /var/spool/postfix"}));
}

TEST(ValidatorTest, NoDirectoryLiesInsideAnother) {
    EXPECT_EQ(problems(instance("{name: postfix-a, queue_directory: /var/spool/postfix/a}")),
              (Strings{"m.yaml:3:40: postfix-a's queue_directory /var/spool/postfix/a overlaps the "
                       "primary's queue_directory /var/spool/postfix"}));
    EXPECT_EQ(problems(instance("{name: postfix-a, config_directory: /etc}")),
              (Strings{"m.yaml:3:41: postfix-a's config_directory /etc overlaps the primary's "
                       "config_directory /etc/postfix"}));
    // A common prefix is not an overlap.
    EXPECT_EQ(problems(instance("{name: postfix-a, config_directory: /etc/postfix2}")), Strings{});
}

TEST(ValidatorTest, TwoInstancesClaimingOneDirectory) {
    EXPECT_EQ(
        problems("version: 1\ninstances:\n"
                 "  - name: postfix-a\n"
                 "  - name: postfix-b\n    config_directory: /etc/postfix-a\n"
                 "  - name: postfix-c\n    queue_directory: /var/spool/postfix-b/q\n"),
        (Strings{"m.yaml:5:23: postfix-b's config_directory /etc/postfix-a is also postfix-a's "
                 "config_directory /etc/postfix-a",
                 "m.yaml:7:22: postfix-c's queue_directory /var/spool/postfix-b/q overlaps "
                 "postfix-b's queue_directory /var/spool/postfix-b"}));
}

TEST(ValidatorTest, AnAbsentInstanceClaimsNothing) {
    EXPECT_EQ(problems("version: 1\ninstances:\n"
                       "  - name: postfix-a\n    state: absent\n"
                       "  - name: postfix-b\n    config_directory: /etc/postfix-a\n"),
              Strings{});
}

TEST(ValidatorTest, ThePrimarysOwnDirectoriesAreThoseGiven) {
    const PrimaryDirectories primary{"/srv/etc/postfix", "/srv/spool/postfix", "/srv/lib/postfix"};
    EXPECT_EQ(problems(instance("{name: postfix-a, queue_directory: /srv/spool/postfix}"), primary),
              (Strings{"m.yaml:3:40: postfix-a's queue_directory /srv/spool/postfix is also the "
                       "primary's queue_directory /srv/spool/postfix"}));
    // Derived from the primary's directories given, not from Debian's.
    EXPECT_EQ(
        problems(instance("{name: postfix-a, queue_directory: /srv/etc/postfix-a/q}"), primary),
        (Strings{"m.yaml:3:40: postfix-a's queue_directory /srv/etc/postfix-a/q overlaps "
                 "postfix-a's config_directory /srv/etc/postfix-a"}));
}

// --- all at once ---------------------------------------------------------------------------------

TEST(ValidatorTest, EveryProblemIsReportedInLineOrder) {
    EXPECT_EQ(
        problems("version: 1\n"
                 "instances:\n"
                 "  - name: out\n"  // 3
                 "    group: \"a b\"\n"
                 "    parameters: {queue_directory: /x, \"a b\": 1}\n"  // 5
                 "  - name: postfix-b\n"                                // 6
                 "    config_directory: relative\n"
                 "    protect: true\n"
                 "    state: absent\n"
                 "primary:\n"                                          // 10
                 "  parameters: {multi_instance_enable: \"yes\"}\n"),  // 11
        (Strings{"m.yaml:3:11: instance name 'out' must start with 'postfix-'",
                 "m.yaml:4:12: group 'a b' may only contain letters, digits and !@%-_=+:.",
                 "m.yaml:5:18: parameter 'queue_directory' is managed by pmreconcile; use "
                 "the instance's name, group, enable and directory keys instead",
                 "m.yaml:5:39: bad parameter name \"a b\": white space or '=' not allowed",
                 "m.yaml:6:5: instance 'postfix-b' is protected and cannot be 'state: absent'",
                 "m.yaml:7:23: postfix-b: config_directory 'relative' must be an absolute path",
                 "m.yaml:11:16: parameter 'multi_instance_enable' is managed by pmreconcile; "
                 "use the instance's name, group, enable and directory keys instead"}));
}

TEST(ValidatorTest, ADirectoryProblemIsLocatedAtItsKey) {
    // At the value of the key that is wrong, not at the instance (#14).
    EXPECT_EQ(
        problems("version: 1\ninstances:\n  - name: postfix-a\n    group: mta\n"
                 "    queue_directory: spool/a\n"),
        (Strings{"m.yaml:5:22: postfix-a: queue_directory 'spool/a' must be an absolute path"}));
    EXPECT_EQ(problems("version: 1\ninstances:\n  - name: postfix-a\n"
                       "  - name: postfix-b\n    data_directory: /var/lib/postfix-a/b\n"),
              (Strings{"m.yaml:5:21: postfix-b's data_directory /var/lib/postfix-a/b overlaps "
                       "postfix-a's data_directory /var/lib/postfix-a"}));
}

TEST(ValidatorTest, ARepeatedNameIsOneProblem) {
    // Not also three overlaps of its derived directories with the first entry's (#14).
    EXPECT_EQ(
        problems("version: 1\ninstances:\n  - name: postfix-a\n  - name: postfix-b\n"
                 "  - name: postfix-a\n"),
        (Strings{"m.yaml:5:11: instance name 'postfix-a' is listed twice (first at line 3)"}));
}

}  // namespace
}  // namespace pmr::manifest
