#include "core/flow/interfaces.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

namespace pmr::flow {
namespace {

using Addresses = std::vector<std::string>;

TEST(ParseProtocolsTest, Forms) {
    EXPECT_EQ(parse_protocols("ipv4"), (Protocols{true, false}));
    EXPECT_EQ(parse_protocols("ipv6"), (Protocols{false, true}));
    EXPECT_EQ(parse_protocols("all"), (Protocols{true, true}));
    EXPECT_EQ(parse_protocols("ipv4, ipv6"), (Protocols{true, true}));
    EXPECT_EQ(parse_protocols(""), (Protocols{true, false}));
    EXPECT_EQ(parse_protocols("IPv6"), (Protocols{false, true}));
}

TEST(ExpandInterfacesTest, AllIsTheWildcardOfEachProtocol) {
    EXPECT_EQ(expand_interfaces("all", {true, false}), (Addresses{"0.0.0.0"}));
    EXPECT_EQ(expand_interfaces("all", {true, true}), (Addresses{"0.0.0.0", "::"}));
    EXPECT_EQ(expand_interfaces("all", {false, true}), (Addresses{"::"}));
}

TEST(ExpandInterfacesTest, LoopbackOnlyAndLocalhost) {
    EXPECT_EQ(expand_interfaces("loopback-only", {true, false}), (Addresses{"127.0.0.1"}));
    EXPECT_EQ(expand_interfaces("loopback-only", {true, true}), (Addresses{"127.0.0.1", "::1"}));
    EXPECT_EQ(expand_interfaces("localhost", {true, true}), (Addresses{"127.0.0.1", "::1"}));
}

TEST(ExpandInterfacesTest, ListsWithIpv6InBracketsOrNot) {
    EXPECT_EQ(expand_interfaces("127.0.0.1, [::1] 192.0.2.1 fe80::1", {true, true}),
              (Addresses{"127.0.0.1", "::1", "192.0.2.1", "fe80::1"}));
    // IPv6 addresses are dropped when inet_protocols is ipv4 alone; names stay.
    EXPECT_EQ(expand_interfaces("[::1], 127.0.0.1, mail.example.com", {true, false}),
              (Addresses{"127.0.0.1", "mail.example.com"}));
    EXPECT_EQ(expand_interfaces("127.0.0.1 127.0.0.1", {true, false}), (Addresses{"127.0.0.1"}));
}

TEST(AddressesClashTest, WildcardsClashWithTheirFamily) {
    EXPECT_TRUE(addresses_clash("127.0.0.1", "127.0.0.1"));
    EXPECT_FALSE(addresses_clash("127.0.0.1", "127.0.0.2"));
    EXPECT_TRUE(addresses_clash("0.0.0.0", "127.0.0.1"));
    EXPECT_TRUE(addresses_clash("192.0.2.1", "0.0.0.0"));
    EXPECT_FALSE(addresses_clash("0.0.0.0", "::1"));
    EXPECT_TRUE(addresses_clash("::", "::1"));
    EXPECT_FALSE(addresses_clash("::", "0.0.0.0"));
    EXPECT_TRUE(addresses_clash("mail.example.com", "0.0.0.0"));
}

TEST(ReachesTest, LocalAddressesReachWildcards) {
    EXPECT_TRUE(reaches("127.0.0.1", "0.0.0.0", {}));
    EXPECT_TRUE(reaches("localhost", "::1", {}));
    EXPECT_TRUE(reaches("[127.0.0.1]", "127.0.0.1", {}));
    EXPECT_TRUE(reaches("192.0.2.1", "0.0.0.0", {"192.0.2.1"}));
    EXPECT_FALSE(reaches("192.0.2.1", "0.0.0.0", {}));  // another host's address
    EXPECT_FALSE(reaches("127.0.0.1", "127.0.0.2", {}));
}

rc::Gen<std::string> ipv4s() {
    const auto octet = rc::gen::inRange(0, 256);
    return rc::gen::apply(
        [](int a, int b, int c, int d) {
            return std::to_string(a) + "." + std::to_string(b) + "." + std::to_string(c) + "." +
                   std::to_string(d);
        },
        octet, octet, octet, octet);
}

RC_GTEST_PROP(InterfacesProperty, AllClashesWithEveryAddressOfTheProtocol, ()) {
    const std::string address = *ipv4s();
    for (const std::string& bound : expand_interfaces("all", {true, true})) {
        if (bound == any_ipv4)
            RC_ASSERT(addresses_clash(bound, address));
    }
}

RC_GTEST_PROP(InterfacesProperty, ExpansionKeepsOnlyWantedFamiliesWithoutBrackets, ()) {
    const std::vector<std::string> list =
        *rc::gen::container<std::vector<std::string>>(rc::gen::oneOf(
            ipv4s(), rc::gen::element<std::string>("[::1]", "fe80::2", "all", "loopback-only")));
    std::string text;
    for (const std::string& word : list)
        text += word + ", ";
    const Protocols protocols{*rc::gen::arbitrary<bool>(), *rc::gen::arbitrary<bool>()};
    RC_PRE(protocols.ipv4 || protocols.ipv6);
    for (const std::string& address : expand_interfaces(text, protocols)) {
        RC_ASSERT(address.find('[') == std::string::npos);
        const bool ipv6 = address.find(':') != std::string::npos;
        const bool wanted = ipv6 ? protocols.ipv6 : protocols.ipv4;
        RC_ASSERT(wanted);
    }
}

RC_GTEST_PROP(InterfacesProperty, ClashIsSymmetric, ()) {
    const auto gen = rc::gen::oneOf(
        ipv4s(), rc::gen::element<std::string>("0.0.0.0", "::", "::1", "fe80::1", "mx.example"));
    const std::string a = *gen;
    const std::string b = *gen;
    RC_ASSERT(addresses_clash(a, b) == addresses_clash(b, a));
}

}  // namespace
}  // namespace pmr::flow
