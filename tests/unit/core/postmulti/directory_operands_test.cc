#include "core/postmulti/directory_operands.h"

#include <gtest/gtest.h>

namespace pmr::postmulti {
namespace {

TEST(DirectoryOperandsTest, CreateTakesTheThreeDirectoriesCleaned) {
    const NewDirectories read = read_directory_operands(
        Action::create, {"config_directory=/etc/postfix-out/", " queue_directory = /q//",
                         "data_directory=/var/lib/out"});
    EXPECT_EQ(read.config_directory, "/etc/postfix-out");
    EXPECT_EQ(read.queue_directory, "/q");
    EXPECT_EQ(read.data_directory, "/var/lib/out");
    EXPECT_EQ(read.refusal, std::nullopt);
}

TEST(DirectoryOperandsTest, TheFirstRefusedOperandIsKeptInPostmultisWords) {
    EXPECT_EQ(read_directory_operands(Action::import, {"queue_directory=/q"}).refusal,
              "Parameter 'queue_directory' not valid with action import");
    EXPECT_EQ(
        read_directory_operands(Action::create, {"queue_directory=q", "mail_owner=x"}).refusal,
        "Parameter setting 'queue_directory' is not an absolute path");
    EXPECT_EQ(read_directory_operands(Action::create, {"data_directory=///"}).refusal,
              "Parameter setting 'data_directory' is the root directory");
    EXPECT_EQ(read_directory_operands(Action::create, {"=/x"}).refusal,
              "Malformed parameter setting '=/x'");
}

TEST(DirectoryOperandsTest, NoOperandsGiveNothing) {
    const NewDirectories read = read_directory_operands(Action::create, {});
    EXPECT_FALSE(read.config_directory || read.queue_directory || read.data_directory ||
                 read.refusal);
}

}  // namespace
}  // namespace pmr::postmulti
