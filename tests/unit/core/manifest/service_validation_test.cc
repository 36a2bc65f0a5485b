#include "core/manifest/service_validation.h"

#include <gtest/gtest.h>

#include "core/manifest/manifest_parser.h"
#include "core/manifest/validator.h"

namespace pmr::manifest {
namespace {

using Strings = std::vector<std::string>;

/// A manifest with one instance whose `services:` mapping is `body` (indented 6 spaces).
std::string with_services(std::string_view body) {
    return "version: 1\ninstances:\n  - name: postfix-out\n    services:\n" + std::string(body);
}

/// Every problem of parsing and validating `yaml`, `FILE:LINE:COL: message`.
Strings problems(std::string_view yaml) {
    Diagnostics found;
    (void)parse_and_validate(yaml, "m.yaml", {}, found);
    Strings out;
    for (const Diagnostic& d : found)
        out.push_back(d.to_string());
    return out;
}

TEST(ServiceManifestTest, ServicesAreReadWithEveryField) {
    Diagnostics found;
    const auto m = parse_and_validate(
        "version: 1\n"
        "primary:\n"
        "  services:\n"
        "    smtp/inet: {state: absent}\n"
        "instances:\n"
        "  - name: postfix-out\n"
        "    services:\n"
        "      127.0.0.1:10026/inet:\n"
        "        private: n\n"
        "        unpriv: \"-\"\n"
        "        chroot: n\n"
        "        wakeup: 60?\n"
        "        maxproc: 10\n"
        "        command: smtpd -v\n"
        "        options:\n"
        "          content_filter: \"\"\n"
        "          smtpd_tls_security_level: null\n"
        "      \"[::1]:smtp/inet\":\n"
        "        command: smtpd\n"
        "      dfilt/unix: {command: pipe flags=Rq user=filter argv=/usr/bin/f}\n",
        "m.yaml", {}, found);
    ASSERT_TRUE(m) << (found.empty() ? "" : found.front().to_string());
    ASSERT_EQ(m->primary_services.size(), 1u);
    EXPECT_EQ(m->primary_services[0].key(), "smtp/inet");
    EXPECT_TRUE(m->primary_services[0].absent);
    const std::vector<DesiredService>& services = m->instances.at(0).services;
    ASSERT_EQ(services.size(), 3u);
    const DesiredService& s = services[0];
    EXPECT_EQ(s.name, "127.0.0.1:10026");
    EXPECT_EQ(s.type, "inet");
    EXPECT_EQ(s.private_->value, "n");
    EXPECT_EQ(s.unprivileged->value, "-");
    EXPECT_EQ(s.wakeup->value, "60?");
    EXPECT_EQ(s.process_limit->value, "10");
    EXPECT_EQ(s.command->value, "smtpd -v");
    ASSERT_EQ(s.options.size(), 2u);
    EXPECT_EQ(s.options[0].value, std::optional<std::string>(""));
    EXPECT_EQ(s.options[1].value, std::nullopt);
    EXPECT_FALSE(s.absent);
    EXPECT_EQ(s.position, (Position{8, 7}));
    EXPECT_EQ(services[1].name, "[::1]:smtp");
    EXPECT_EQ(services[2].key(), "dfilt/unix");
}

TEST(ServiceManifestTest, AKeyWithoutATypeIsRefused) {
    EXPECT_EQ(problems(with_services("      smtp: {command: smtpd}\n")),
              (Strings{"m.yaml:5:7: service 'smtp' must be named NAME/TYPE as postconf -M "
                       "prints it (e.g. smtp/inet or smtp/unix)"}));
}

TEST(ServiceManifestTest, UnknownAndRepeatedKeysAreRefused) {
    EXPECT_EQ(problems(with_services("      smtp/inet: {commnd: smtpd}\n")),
              (Strings{"m.yaml:5:19: unknown key 'commnd' in service 'smtp/inet' (expected "
                       "one of: private, unpriv, chroot, wakeup, maxproc, command, options, "
                       "state)"}));
    EXPECT_EQ(problems(with_services("      smtp/inet: {command: smtpd}\n"
                                     "      smtp/inet: {command: smtpd}\n")),
              (Strings{"m.yaml:6:7: service 'smtp/inet' is listed twice"}));
    EXPECT_EQ(problems(with_services("      smtp/inet:\n        options: {a: 1, a: 2}\n")),
              (Strings{"m.yaml:6:25: option 'a' of service 'smtp/inet' is listed twice"}));
}

TEST(ServiceManifestTest, WrongShapesAreRefused) {
    EXPECT_EQ(problems("version: 1\ninstances:\n  - name: postfix-out\n    services: [a]\n"),
              (Strings{"m.yaml:4:15: 'services' must be a mapping of NAME/TYPE (as postconf -M "
                       "prints them, e.g. smtp/inet) to service fields"}));
    EXPECT_EQ(problems(with_services("      smtp/inet: {command: [smtpd]}\n")),
              (Strings{"m.yaml:5:28: 'command' of service 'smtp/inet' must be a string or a "
                       "number"}));
    EXPECT_EQ(problems(with_services("      smtp/inet: {options: [a=b]}\n")),
              (Strings{"m.yaml:5:28: 'options' of service 'smtp/inet' must be a mapping of "
                       "parameter names to values (-o name=value)"}));
    EXPECT_EQ(problems(with_services("      smtp/inet: {state: gone}\n")),
              (Strings{"m.yaml:5:26: 'state' of service 'smtp/inet' must be present or absent"}));
}

TEST(ServiceManifestTest, AnUnknownTypeIsRefused) {
    EXPECT_EQ(problems(with_services("      smtp/tcp: {command: smtpd}\n")),
              (Strings{"m.yaml:5:7: postfix-out: service 'smtp/tcp': unknown type 'tcp' "
                       "(expected inet, unix, unix-dgram, fifo or pass)"}));
    for (const char* type : {"inet", "unix", "unix-dgram", "fifo", "pass"}) {
        const std::string name = std::string(type) == "inet" ? "10025" : "dfilt";
        EXPECT_EQ(problems(with_services("      " + name + "/" + type + ": {command: x}\n")),
                  Strings{})
            << type;
    }
}

TEST(ServiceManifestTest, AnInetNameMustBeHostAndPort) {
    EXPECT_EQ(problems(with_services("      \"127.0.0.1:/inet\": {command: smtpd}\n")),
              (Strings{"m.yaml:5:7: postfix-out: service '127.0.0.1:/inet': inet service name "
                       "\"127.0.0.1:\": missing port"}));
    EXPECT_EQ(problems(with_services("      127.0.0.1:99999/inet: {command: smtpd}\n")).size(), 1u);
    EXPECT_EQ(problems(with_services("      127.0.0.1:10026/inet: {command: smtpd}\n"
                                     "      submission/inet: {command: smtpd}\n"
                                     "      \"*:25/inet\": {command: smtpd}\n")),
              Strings{});
}

TEST(ServiceManifestTest, AUnixNameMustBeAFileName) {
    EXPECT_EQ(problems(with_services("      .hidden/unix: {command: smtpd}\n")).size(), 1u);
    EXPECT_EQ(problems(with_services("      \"a b/unix\": {command: smtpd}\n")).size(), 1u);
}

TEST(ServiceManifestTest, FlagsAreYNOrDash) {
    EXPECT_EQ(
        problems(with_services("      smtp/inet: {private: yes, unpriv: x, chroot: \"-\"}\n")),
        (Strings{"m.yaml:5:28: postfix-out: service 'smtp/inet': private 'yes' must be "
                 "y, n or -",
                 "m.yaml:5:41: postfix-out: service 'smtp/inet': unpriv 'x' must be y, n "
                 "or -"}));
}

TEST(ServiceManifestTest, WakeupIsDashOrSecondsWithAnOptionalQuestionMark) {
    EXPECT_EQ(problems(with_services("      pickup/unix: {wakeup: 60}\n"
                                     "      tlsmgr/unix:\n        wakeup: 1000?\n"
                                     "      flush/unix: {wakeup: \"-\"}\n")),
              Strings{});
    EXPECT_EQ(problems(with_services("      pickup/unix: {wakeup: 1m}\n")),
              (Strings{"m.yaml:5:29: postfix-out: service 'pickup/unix': wakeup '1m' must be -, "
                       "or a number of seconds with an optional trailing ?"}));
    EXPECT_EQ(problems(with_services("      pickup/unix: {wakeup: \"?\"}\n")).size(), 1u);
}

TEST(ServiceManifestTest, MaxprocIsDashOrANumber) {
    EXPECT_EQ(problems(with_services("      smtp/inet: {maxproc: -1}\n")),
              (Strings{"m.yaml:5:28: postfix-out: service 'smtp/inet': maxproc '-1' must be - "
                       "or a number"}));
    EXPECT_EQ(problems(with_services("      smtp/inet: {maxproc: 0}\n")), Strings{});
}

TEST(ServiceManifestTest, TheCommandIsACommandWithoutOverrides) {
    EXPECT_EQ(problems(with_services("      smtp/inet: {command: \" \"}\n")),
              (Strings{"m.yaml:5:28: postfix-out: service 'smtp/inet': command ' ' is not a "
                       "valid command: the command is empty"}));
    EXPECT_EQ(problems(with_services("      smtp/inet: {command: \"-v smtpd\"}\n")),
              (Strings{"m.yaml:5:28: postfix-out: service 'smtp/inet': command '-v smtpd' must "
                       "start with the command name, not an option"}));
    EXPECT_EQ(problems(with_services("      smtp/inet: {command: \"smtpd -o a=b\"}\n")),
              (Strings{"m.yaml:5:28: postfix-out: service 'smtp/inet': command 'smtpd -o a=b' "
                       "must not set -o overrides: list them under 'options'"}));
    EXPECT_EQ(problems(with_services("      smtp/inet: {command: \"smtpd -v a -o b=c\"}\n")),
              Strings{});  // after the first argument, -o is an argument of the command
}

TEST(ServiceManifestTest, OptionsAreMainCfNamesWithOneLineValues) {
    EXPECT_EQ(problems(with_services("      smtp/inet:\n        options: {\"a=b\": x}\n")).size(),
              1u);
    EXPECT_EQ(problems(with_services("      smtp/inet:\n        options: {a: \" x\"}\n")),
              (Strings{"m.yaml:6:19: postfix-out: service 'smtp/inet': option 'a': the value "
                       "begins or ends with white space, which master.cf does not keep"}));
    EXPECT_EQ(problems(with_services("      smtp/inet:\n        options: {a: \"{x\"}\n")),
              (Strings{"m.yaml:6:19: postfix-out: service 'smtp/inet': option 'a': the value "
                       "must not have unbalanced braces"}));
    EXPECT_EQ(problems(with_services("      smtp/inet:\n        options: {a: \"x y\", b: \"\"}\n")),
              Strings{});
}

TEST(ServiceManifestTest, AnAbsentServiceTakesNoFields) {
    EXPECT_EQ(problems(with_services("      smtp/inet: {state: absent, command: smtpd}\n")),
              (Strings{"m.yaml:5:7: postfix-out: service 'smtp/inet' is 'state: absent' and "
                       "takes no other fields"}));
}

TEST(ServiceManifestTest, ThePrimaryIsNamedInItsProblems) {
    EXPECT_EQ(problems("version: 1\nprimary:\n  services:\n    smtp/tcp: {command: smtpd}\n"),
              (Strings{"m.yaml:4:5: the primary: service 'smtp/tcp': unknown type 'tcp' "
                       "(expected inet, unix, unix-dgram, fifo or pass)"}));
}

}  // namespace
}  // namespace pmr::manifest
