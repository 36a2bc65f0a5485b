#include "core/flow/endpoint.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace pmr::flow {
namespace {

ServicesTable services() {
    return ServicesTable::parse(
        "# comment\n"
        "smtp\t\t25/tcp\t\tmail\n"
        "submission\t587/tcp\n"
        "syslog\t\t514/udp\n"
        "broken\t\tx/tcp\n"
        "lmtp 24/tcp # local mail transfer\n");
}

TEST(ServicesTableTest, ReadsTcpEntriesAndAliases) {
    const ServicesTable table = services();
    EXPECT_EQ(table.port("smtp"), 25);
    EXPECT_EQ(table.port("mail"), 25);
    EXPECT_EQ(table.port("submission"), 587);
    EXPECT_EQ(table.port("lmtp"), 24);
    EXPECT_EQ(table.port("syslog"), std::nullopt);  // udp only
    EXPECT_EQ(table.port("broken"), std::nullopt);
    EXPECT_EQ(table.port("comment"), std::nullopt);
}

TEST(ServicesTableTest, FirstEntryOfANameWins) {
    const ServicesTable table = ServicesTable::parse("a 10/tcp\na 20/tcp\n");
    EXPECT_EQ(table.port("a"), 10);
}

TEST(ParsePortTest, NumbersFromOneTo65535AndServiceNames) {
    EXPECT_EQ(*parse_port("1", services()), 1);
    EXPECT_EQ(*parse_port("65535", services()), 65535);
    EXPECT_EQ(*parse_port("submission", services()), 587);
    EXPECT_EQ(parse_port("0", services()).error(), "port 0 is not between 1 and 65535");
    EXPECT_EQ(parse_port("65536", services()).error(), "port 65536 is not between 1 and 65535");
    EXPECT_FALSE(parse_port("99999999999999999999", services()));
    EXPECT_EQ(parse_port("nosuch", services()).error(),
              "unknown service name 'nosuch' (not a tcp service of /etc/services)");
    EXPECT_EQ(parse_port("", services()).error(), "missing port");
}

TEST(ParseEndpointTest, MasterCfServiceForms) {
    EXPECT_EQ(*parse_endpoint("smtp", services()), (Endpoint{"", 25}));
    EXPECT_EQ(*parse_endpoint("10026", services()), (Endpoint{"", 10026}));
    EXPECT_EQ(*parse_endpoint("*:smtp", services()), (Endpoint{"", 25}));
    EXPECT_EQ(*parse_endpoint("127.0.0.1:10026", services()), (Endpoint{"127.0.0.1", 10026}));
    EXPECT_EQ(*parse_endpoint("127.0.0.1:submission", services()), (Endpoint{"127.0.0.1", 587}));
    EXPECT_EQ(*parse_endpoint("[::1]:25", services()), (Endpoint{"::1", 25}));
    EXPECT_EQ(*parse_endpoint("[127.0.0.1]:25", services()), (Endpoint{"127.0.0.1", 25}));
    EXPECT_EQ(*parse_endpoint("::1:25", services()), (Endpoint{"::1", 25}));
    EXPECT_EQ(*parse_endpoint("mail.example.com:smtp", services()),
              (Endpoint{"mail.example.com", 25}));
}

TEST(ParseEndpointTest, RefusesWithTheReason) {
    EXPECT_EQ(parse_endpoint("[::1:25", services()).error(), "bad address '[::1:25': missing ']'");
    EXPECT_EQ(parse_endpoint("[::1]25", services()).error(),
              "bad address '[::1]25': expected ':port' after ']'");
    EXPECT_EQ(parse_endpoint(":25", services()).error(),
              "bad address ':25': empty host before ':'");
    EXPECT_EQ(parse_endpoint("127.0.0.1:0", services()).error(),
              "bad address '127.0.0.1:0': port 0 is not between 1 and 65535");
    EXPECT_FALSE(parse_endpoint("[]:25", services()));
}

TEST(EndpointToStringTest, BracketsIpv6AndLeavesABarePort) {
    EXPECT_EQ(to_string(Endpoint{"::1", 25}), "[::1]:25");
    EXPECT_EQ(to_string(Endpoint{"127.0.0.1", 10025}), "127.0.0.1:10025");
    EXPECT_EQ(to_string(Endpoint{"", 25}), "25");
}

/// A host as master.cf or a next hop may name it: IPv4, IPv6, a name, or none.
rc::Gen<std::string> hosts() {
    const auto octet = rc::gen::inRange(0, 256);
    const auto ipv4 = rc::gen::apply(
        [](int a, int b, int c, int d) {
            return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c) + "." +
                   std::to_string(d);
        },
        octet, octet, octet, octet);
    const auto ipv6 = rc::gen::apply(
        [](int a, int b) {
            const char* hex = "0123456789abcdef";
            return std::string("fe80::") + hex[a] + hex[b] + ":1";
        },
        rc::gen::inRange(0, 16), rc::gen::inRange(0, 16));
    const auto name = rc::gen::element<std::string>("localhost", "mx.example.com", "relay");
    return rc::gen::oneOf(ipv4, ipv6, name, rc::gen::just(std::string()));
}

RC_GTEST_PROP(EndpointProperty, ToStringReadsBack, ()) {
    const Endpoint endpoint{*hosts(), *rc::gen::inRange(min_port, max_port + 1)};
    const auto back = parse_endpoint(to_string(endpoint), ServicesTable());
    RC_ASSERT(back.ok());
    RC_ASSERT(*back == endpoint);
}

RC_GTEST_PROP(EndpointProperty, PortsOutsideTheRangeAreRefused, ()) {
    const int port = *rc::gen::oneOf(rc::gen::inRange(-100000, min_port),
                                     rc::gen::inRange(max_port + 1, 10000000));
    const auto parsed = parse_endpoint("127.0.0.1:" + std::to_string(port), ServicesTable());
    RC_ASSERT_FALSE(parsed.ok());
}

RC_GTEST_PROP(EndpointProperty, Ipv6NeedsNoBracketsButKeepsThemOut, ()) {
    const std::string host = *hosts();
    RC_PRE(is_ipv6(host));
    const int port = *rc::gen::inRange(min_port, max_port + 1);
    const auto bracketed = parse_endpoint("[" + host + "]:" + std::to_string(port), {});
    const auto bare = parse_endpoint(host + ":" + std::to_string(port), {});
    RC_ASSERT(bracketed.ok() && bare.ok());
    RC_ASSERT(*bracketed == *bare);
    RC_ASSERT(bracketed->host.find('[') == std::string::npos);
}

}  // namespace
}  // namespace pmr::flow
