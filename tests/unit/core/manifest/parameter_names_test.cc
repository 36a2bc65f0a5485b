// validate warns about a main.cf parameter name Postfix does not know (#14): Postfix would log
// "unused parameter" and ignore it. Known: postconf -d's names, the names derived from master.cf
// services, and the names the manifest's values refer to.
#include "core/manifest/parameter_names.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "core/manifest/manifest_parser.h"

namespace pmr::manifest {
namespace {

using Strings = std::vector<std::string>;

Manifest parsed(std::string_view yaml) {
    Diagnostics problems;
    auto m = parse_manifest(yaml, "m.yaml", problems);
    EXPECT_TRUE(m.has_value()) << yaml;
    return m.value_or(Manifest{});
}

Strings checked(std::string_view yaml, const Strings& known,
                Severity severity = Severity::warning) {
    Strings out;
    for (const Diagnostic& d : check_parameter_names(parsed(yaml), known, severity)) {
        EXPECT_EQ(d.severity, severity);
        out.push_back(d.to_string());
    }
    return out;
}

const Strings postfix_names{"inet_interfaces",           "myhostname",  "mynetworks", "relayhost",
                            "smtpd_client_restrictions", "smtpd_banner"};

TEST(ParameterNamesTest, AnUnknownNameIsReportedWithTheNearestKnownOne) {
    EXPECT_EQ(checked("version: 1\ninstances:\n  - name: postfix-a\n    parameters:\n"
                      "      myhostnmae: a.example\n      relayhost: '[192.0.2.1]'\n",
                      postfix_names),
              (Strings{"m.yaml:5:7: unknown parameter 'myhostnmae': Postfix would log 'unused "
                       "parameter' and ignore it; did you mean myhostname?"}));
}

TEST(ParameterNamesTest, NoSuggestionWhenNothingIsClose) {
    EXPECT_EQ(checked("version: 1\nprimary:\n  parameters:\n    frobnicate: 1\n", postfix_names),
              (Strings{"m.yaml:4:5: unknown parameter 'frobnicate': Postfix would log 'unused "
                       "parameter' and ignore it"}));
}

TEST(ParameterNamesTest, StrictMakesItAnError) {
    EXPECT_EQ(checked("version: 1\nprimary:\n  parameters:\n    relayhots: x\n", postfix_names,
                      Severity::error),
              (Strings{"m.yaml:4:5: unknown parameter 'relayhots': Postfix would log 'unused "
                       "parameter' and ignore it; did you mean relayhost?"}));
}

TEST(ParameterNamesTest, NamesTheValuesReferToAreKnown) {
    EXPECT_EQ(checked("version: 1\nprimary:\n  parameters:\n    my_clients: 192.0.2.0/24\n"
                      "    my_other: x\n"
                      "    mynetworks: $my_clients, ${my_other}\n",
                      postfix_names),
              Strings{});
    EXPECT_EQ(referenced_parameter_names(
                  parsed("version: 1\ninstances:\n  - name: postfix-a\n    parameters:\n"
                         "      smtpd_banner: $myhostname ESMTP $(a) ${b?yes} ${c:no} $$ $\n")),
              (Strings{"a", "b", "c", "myhostname"}));
}

TEST(ParameterNamesTest, ServiceSpecificNamesDeriveFromServiceNames) {
    const Strings derived = service_parameter_names({"relay", "dovecot"});
    for (const char* name : {"relay_destination_concurrency_limit", "relay_time_limit",
                             "dovecot_destination_recipient_limit", "dovecot_time_limit",
                             "relay_initial_destination_concurrency"}) {
        EXPECT_NE(std::ranges::find(derived, name), derived.end()) << name;
    }
    Strings known = postfix_names;
    known.insert(known.end(), derived.begin(), derived.end());
    EXPECT_EQ(checked("version: 1\nprimary:\n  parameters:\n    relay_time_limit: 3600s\n"
                      "    dovecot_destination_recipient_limit: 1\n",
                      known),
              Strings{});
    EXPECT_EQ(service_parameter_names({}), Strings{});
}

TEST(ParameterNamesTest, MasterCfServiceNames) {
    EXPECT_EQ(
        master_cf_service_names("# comment\n"
                                "smtp      inet  n       -       y       -       -       smtpd\n"
                                "  -o smtpd_sasl_auth_enable=yes\n"
                                "127.0.0.1:10025 inet n  -       n       -       -       smtpd\n"
                                "\n"
                                "dovecot   unix  -       n       n       -       -       pipe\n"
                                "\tflags=DRhu user=vmail\n"),
        (Strings{"smtp", "10025", "dovecot"}));
    const Strings& stock = stock_service_names();
    for (const char* name : {"smtp", "relay", "local", "virtual", "lmtp", "error", "retry"}) {
        EXPECT_NE(std::ranges::find(stock, name), stock.end()) << name;
    }
}

}  // namespace
}  // namespace pmr::manifest
