#include "core/mastercf/validation.h"

#include <gtest/gtest.h>

namespace pmr::mastercf {
namespace {

TEST(MasterCfValidationTest, AcceptsInetHostPortForms) {
    for (const char* name : {"smtp", "25", "127.0.0.1:10025", "[::1]:25", "*:smtp",
                             "mail.example.com:submission", "localhost:65535"}) {
        EXPECT_TRUE(check_service_name(name, ServiceType::inet)) << name;
    }
}

TEST(MasterCfValidationTest, RefusesBadInetNames) {
    EXPECT_EQ(check_service_name("host:", ServiceType::inet).error(),
              "inet service name \"host:\": missing port");
    EXPECT_EQ(check_service_name("[::1]", ServiceType::inet).error(),
              "inet service name \"[::1]\": missing port");
    EXPECT_EQ(check_service_name("65536", ServiceType::inet).error(),
              "inet service name \"65536\": bad port \"65536\"");
    EXPECT_EQ(check_service_name("0", ServiceType::inet).error(),
              "inet service name \"0\": bad port \"0\"");
    EXPECT_EQ(check_service_name("a b:25", ServiceType::inet).error(),
              "inet service name \"a b:25\": bad host \"a b\"");
    EXPECT_EQ(check_service_name("-x:25", ServiceType::inet).error(),
              "inet service name \"-x:25\": bad host \"-x\"");
}

TEST(MasterCfValidationTest, RefusesSocketNamesThatAreNotPlainFileNames) {
    EXPECT_TRUE(check_service_name("cleanup", ServiceType::unix_stream));
    EXPECT_TRUE(check_service_name("postlog", ServiceType::unix_dgram));
    EXPECT_EQ(check_service_name("a/b", ServiceType::unix_stream).error(),
              "unix service name \"a/b\": must not contain '/'");
    EXPECT_EQ(check_service_name(".x", ServiceType::fifo).error(),
              "fifo service name \".x\": must not start with '.'");
    EXPECT_EQ(check_service_name("", ServiceType::pass).error(), "pass service name \"\": empty");
    EXPECT_EQ(check_service(*parse_service("a/b unix - - - - - x").service).error(),
              "unix service name \"a/b\": must not contain '/'");
}

}  // namespace
}  // namespace pmr::mastercf
