#include "core/postmulti/mail_config.h"

#include <gtest/gtest.h>

namespace pmr::postmulti {
namespace {

TEST(StartupConfigDirectoryTest, UnsetMeansTheDefault) {
    EXPECT_EQ(startup_config_directory(nullptr, "/etc/postfix"), "/etc/postfix");
}

TEST(StartupConfigDirectoryTest, SetMeansThatDirectory) {
    EXPECT_EQ(startup_config_directory("/etc/postfix-out", "/etc/postfix"), "/etc/postfix-out");
    EXPECT_EQ(startup_config_directory("/etc/postfix/", "/etc/postfix"), "/etc/postfix/");
}

TEST(StartupConfigDirectoryTest, EmptyIsNotUnset) {
    // Bug fix (#3): Postfix then reads "/main.cf" (`open /main.cf: No such file or directory`),
    // where pmreconcile used to read the default main.cf and refuse MAIL_CONFIG afterwards.
    EXPECT_EQ(startup_config_directory("", "/etc/postfix"), "");
}

TEST(CheckMailConfigTest, UnsetOrDefaultIsAccepted) {
    EXPECT_TRUE(check_mail_config(nullptr, "/etc/postfix"));
    EXPECT_TRUE(check_mail_config("/etc/postfix", "/etc/postfix"));
}

TEST(CheckMailConfigTest, AnythingElseIsRefusedAsWritten) {
    EXPECT_EQ(check_mail_config("/etc/postfix-out", "/etc/postfix").error(),
              "Non-default configuration directory: MAIL_CONFIG=/etc/postfix-out");
    EXPECT_EQ(check_mail_config("/etc/postfix/", "/etc/postfix").error(),
              "Non-default configuration directory: MAIL_CONFIG=/etc/postfix/");
    EXPECT_EQ(check_mail_config("", "/etc/postfix").error(),
              "Non-default configuration directory: MAIL_CONFIG=");
    EXPECT_FALSE(check_mail_config("", "/etc/postfix"));
}

}  // namespace
}  // namespace pmr::postmulti
