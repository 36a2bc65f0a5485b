#include "core/instance/listing.h"

#include <gtest/gtest.h>

#include <vector>

namespace pmr::instance {
namespace {

Instance make(std::string config, std::string name, std::string group, bool enabled,
              bool primary = false) {
    return Instance{config,
                    "/var/spool/" + config.substr(5),
                    "/var/lib/" + config.substr(5),
                    std::move(name),
                    std::move(group),
                    enabled,
                    primary};
}

// Expected lines below are what printf("%-15s %-15s %-9s %s\n", ...) prints.

TEST(ListLineTest, UnnamedUngroupedInstanceShowsDashes) {
    EXPECT_EQ(list_line(make("/etc/postfix", "", "", true, true)),
              "-               -               y         /etc/postfix\n");
}

TEST(ListLineTest, NameGroupAndDisabledFlag) {
    EXPECT_EQ(list_line(make("/etc/postfix-out", "postfix-out", "mta", false)),
              "postfix-out     mta             n         /etc/postfix-out\n");
}

TEST(ListLineTest, FieldsOfExactlyTheWidthGetNoExtraPadding) {
    EXPECT_EQ(list_line(make("/etc/postfix-d", "postfix-1234567", "123456789012345", true)),
              "postfix-1234567 123456789012345 y         /etc/postfix-d\n");
}

TEST(ListLineTest, LongNamesAndGroupsAreNotTruncated) {
    EXPECT_EQ(list_line(make("/etc/postfix-long", "postfix-a-very-long-name",
                             "a-very-long-group-name", true)),
              "postfix-a-very-long-name a-very-long-group-name y         /etc/postfix-long\n");
}

TEST(ListLineTest, SixteenCharacterNameShiftsTheRestByOne) {
    EXPECT_EQ(list_line(make("/etc/postfix-e", "postfix-sixteen1", "g", false)),
              "postfix-sixteen1 g               n         /etc/postfix-e\n");
}

TEST(ListLineTest, ConfigDirectoryIsPrintedAsIs) {
    EXPECT_EQ(list_line(make("/srv/mail/a b", "", "", false)),
              "-               -               n         /srv/mail/a b\n");
}

TEST(ListJsonTest, NoInstancesIsAnEmptyArray) {
    EXPECT_EQ(list_json({}), "{\"format_version\":\"2.0\",\"instances\":[]}\n");
}

TEST(ListJsonTest, EveryFieldInOrderWithNullForEmptyNameAndGroup) {
    const Instance p = make("/etc/postfix", "", "", true, true);
    const Instance out = make("/etc/postfix-out", "postfix-out", "mta", false);
    const std::vector<const Instance*> instances{&p, &out};
    EXPECT_EQ(list_json(instances),
              "{\"format_version\":\"2.0\",\"instances\":["
              "{\"name\":null,\"group\":null,\"enable\":true,\"primary\":true,"
              "\"config_directory\":\"/etc/postfix\",\"queue_directory\":\"/var/spool/postfix\","
              "\"data_directory\":\"/var/lib/postfix\"},"
              "{\"name\":\"postfix-out\",\"group\":\"mta\",\"enable\":false,\"primary\":false,"
              "\"config_directory\":\"/etc/postfix-out\","
              "\"queue_directory\":\"/var/spool/postfix-out\","
              "\"data_directory\":\"/var/lib/postfix-out\"}]}\n");
}

TEST(ListJsonTest, FollowsTheGivenOrder) {
    const Instance a = make("/etc/postfix-a", "postfix-a", "", false);
    const Instance b = make("/etc/postfix-b", "postfix-b", "", false);
    const std::vector<const Instance*> instances{&b, &a};
    const std::string json = list_json(instances);
    EXPECT_LT(json.find("postfix-b"), json.find("postfix-a"));
}

TEST(ListJsonTest, EscapesQuotesBackslashesAndControlCharacters) {
    const Instance odd{"/etc/post\"fix\\x",
                       "/var/spool/a\tb",
                       "/var/lib/a\nb",
                       "postfix-\x01",
                       "g\x7f",
                       false,
                       false};
    const std::vector<const Instance*> instances{&odd};
    EXPECT_EQ(
        list_json(instances),
        "{\"format_version\":\"2.0\",\"instances\":["
        "{\"name\":\"postfix-\\u0001\",\"group\":\"g\\u007f\",\"enable\":false,"
        "\"primary\":false,\"config_directory\":\"/etc/post\\\"fix\\\\x\","
        "\"queue_directory\":\"/var/spool/a\\tb\",\"data_directory\":\"/var/lib/a\\nb\"}]}\n");
}

TEST(ListJsonTest, PassesUtf8ThroughUnchanged) {
    const Instance utf{"/etc/postfix-é", "/q", "/d", "", "grüppe", false, false};
    const std::vector<const Instance*> instances{&utf};
    const std::string json = list_json(instances);
    EXPECT_NE(json.find("\"group\":\"grüppe\""), std::string::npos);
    EXPECT_NE(json.find("\"config_directory\":\"/etc/postfix-é\""), std::string::npos);
}

}  // namespace
}  // namespace pmr::instance
