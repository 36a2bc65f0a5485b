#include "core/flow/next_hops.h"

#include <gtest/gtest.h>

#include "core/flow/listeners.h"

namespace pmr::flow {
namespace {

const char* const master_text =
    "smtp      inet  n       -       y       -       -       smtpd\n"
    "#submission inet n       -       y       -       -       smtpd\n"
    "127.0.0.1:10026 inet n  -       n       -       -       smtpd -o content_filter=\n"
    "2525      inet  n       -       n       -       -       smtpd\n"
    "  -o content_filter=dfilt:[127.0.0.1]:10025\n"
    "$filter_address:10027 inet n - n - - smtpd\n"
    "smtp      unix  -       -       y       -       -       smtp\n"
    "relay     unix  -       -       y       -       -       smtp\n"
    "dfilt     unix  -       -       n       -       -       smtp\n"
    "mylmtp    unix  -       -       n       -       -       lmtp\n"
    "maildrop  unix  -       n       n       -       -       pipe flags=DRXhu user=vmail\n";

ServicesTable services() {
    ServicesTable table;
    table.add("smtp", 25);
    table.add("lmtp", 24);
    return table;
}

struct Fixture {
    explicit Fixture(const std::string& main_text)
        : main_cf(maincf::MainCf::parse(main_text, "/etc/postfix-x/main.cf")),
          master_cf(mastercf::MasterCf::parse(master_text, "/etc/postfix-x/master.cf")),
          config(main_cf, maincf::ParameterDefaults::builtin(), "/etc/postfix-x") {}
    maincf::MainCf main_cf;
    mastercf::MasterCf master_cf;
    maincf::Configuration config;
};

std::string describe(const HandOff& h) {
    std::string where = h.kind == HopKind::table ? "table " + h.table
                        : h.kind == HopKind::mx
                            ? std::string("mx")
                            : (h.mx_lookup ? "mx " : "") + to_string(h.endpoint);
    return h.parameter + " " + h.value + " => " + where;
}

std::vector<std::string> hand_offs(const std::string& main_text) {
    Fixture f(main_text);
    std::vector<std::string> out;
    for (const HandOff& h : hand_offs_of(f.config, f.master_cf, services()))
        out.push_back(describe(h));
    return out;
}

TEST(ParseHopTest, TransportAndNexthopForms) {
    const mastercf::MasterCf m = mastercf::MasterCf::parse(master_text, "master.cf");
    auto hop = [&](std::string_view text) -> std::string {
        auto h = parse_hop(text, m, services());
        return h ? describe(*h).substr(5) : "none";
    };
    EXPECT_EQ(hop("smtp:[127.0.0.1]:10025"), "127.0.0.1:10025");
    EXPECT_EQ(hop("relay:[mail.example.com]"), "mail.example.com:25");
    EXPECT_EQ(hop("smtp:mail.example.com:587"), "mx mail.example.com:587");
    EXPECT_EQ(hop("smtp:[::1]:10025"), "[::1]:10025");
    EXPECT_EQ(hop("lmtp:inet:127.0.0.1:2003"), "mx 127.0.0.1:2003");
    EXPECT_EQ(hop("lmtp:[127.0.0.1]"), "127.0.0.1:24");
    EXPECT_EQ(hop("lmtp:unix:/var/run/dovecot/lmtp"), "none");
    EXPECT_EQ(hop("mylmtp:[127.0.0.1]:2003"), "127.0.0.1:2003");
    EXPECT_EQ(hop("dfilt:[127.0.0.1]:10025"), "127.0.0.1:10025");
    EXPECT_EQ(hop("smtp"), "mx");
    EXPECT_EQ(hop("error:5.1.1 Mailbox unavailable"), "none");
    EXPECT_EQ(hop("maildrop"), "none");
    EXPECT_EQ(hop("local"), "none");
    EXPECT_EQ(hop(":[127.0.0.1]:10025"), "127.0.0.1:10025");  // the default transport's
}

TEST(HandOffsTest, ParametersAsSetExpandedAndServiceOverrides) {
    EXPECT_EQ(hand_offs("default_transport = smtp:[127.0.0.1]:10025\n"
                        "relay_transport = $default_transport\n"
                        "transport_maps = inline:{ example.com=relay:[10.0.0.1], "
                        "{ example.org = error:nope } }, static:{smtp:[127.0.0.1]:10030}, "
                        "hash:/etc/postfix/transport\n"),
              (std::vector<std::string>{
                  "default_transport smtp:[127.0.0.1]:10025 => 127.0.0.1:10025",
                  "relay_transport smtp:[127.0.0.1]:10025 => 127.0.0.1:10025",
                  "transport_maps example.com=relay:[10.0.0.1] => 10.0.0.1:25",
                  "transport_maps static:{smtp:[127.0.0.1]:10030} => 127.0.0.1:10030",
                  "transport_maps hash:/etc/postfix/transport => table hash:/etc/postfix/transport",
                  "2525/inet -o content_filter dfilt:[127.0.0.1]:10025 => 127.0.0.1:10025"}));
}

TEST(HandOffsTest, RelayhostTakesTheDefaultTransportsNexthop) {
    EXPECT_EQ(hand_offs("relayhost = [mailhub.example.com], [10.0.0.2]:587\n"),
              (std::vector<std::string>{
                  "relayhost [mailhub.example.com] => mailhub.example.com:25",
                  "relayhost [10.0.0.2]:587 => 10.0.0.2:587",
                  "2525/inet -o content_filter dfilt:[127.0.0.1]:10025 => 127.0.0.1:10025"}));
    // Without a relayhost, the default default_transport goes to the recipient's MX.
    EXPECT_EQ(hand_offs("relayhost =\n")[0], "default_transport smtp => mx");
}

TEST(ListenersTest, InetServicesHonourDisableCommentsAndInterfaces) {
    Fixture f(
        "inet_interfaces = loopback-only\ninet_protocols = ipv4\nfilter_address = 127.0.0.2\n");
    Diagnostics problems;
    std::vector<std::string> seen;
    for (const Listener& l : listeners_of(f.master_cf, f.config, services(), problems))
        seen.push_back(to_string(l.endpoint) + " " + l.service + " line " + std::to_string(l.line));
    EXPECT_EQ(seen,
              (std::vector<std::string>{"127.0.0.1:25 smtp/inet line 1",
                                        "127.0.0.1:10026 127.0.0.1:10026/inet line 3",
                                        "127.0.0.1:2525 2525/inet line 4",
                                        "127.0.0.2:10027 $filter_address:10027/inet line 6"}));
    EXPECT_TRUE(problems.empty());

    Fixture off("master_service_disable = smtp/inet, 2525/inet\ninet_protocols = all\n");
    seen.clear();
    for (const Listener& l : listeners_of(off.master_cf, off.config, services(), problems))
        seen.push_back(to_string(l.endpoint));
    // $filter_address is not set here: ":10027" is no address, reported and skipped.
    EXPECT_EQ(seen, (std::vector<std::string>{"127.0.0.1:10026"}));
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].to_string(),
              "/etc/postfix-x/master.cf:6: $filter_address:10027/inet: bad address ':10027': "
              "empty host before ':'");
}

TEST(ListenersTest, MasterServiceDisableForms) {
    EXPECT_TRUE(service_disabled("inet", "smtp", "inet"));
    EXPECT_TRUE(service_disabled("foo/unix, smtp/inet", "smtp", "inet"));
    EXPECT_FALSE(service_disabled("smtp/unix", "smtp", "inet"));
    EXPECT_FALSE(service_disabled("", "smtp", "inet"));
}

}  // namespace
}  // namespace pmr::flow
