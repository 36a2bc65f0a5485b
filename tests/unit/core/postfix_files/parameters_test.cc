#include "core/postfix_files/parameters.h"

#include <gtest/gtest.h>

namespace pmr::postfix_files {
namespace {

const Parameters parameters = {
    {"queue_directory", "/var/spool/postfix-out"}, {"mail_owner", "postfix"}, {"empty", ""}};

TEST(ParametersTest, ExpandsBothReferenceForms) {
    EXPECT_EQ(*expand_references("$queue_directory/active", parameters),
              "/var/spool/postfix-out/active");
    EXPECT_EQ(*expand_references("${queue_directory}/x/${mail_owner}", parameters),
              "/var/spool/postfix-out/x/postfix");
    EXPECT_EQ(*expand_references("a$empty.b", parameters), "a.b");
}

TEST(ParametersTest, KeepsADollarThatStartsNoName) {
    EXPECT_EQ(*expand_references("$", parameters), "$");
    EXPECT_EQ(*expand_references("a$1b", parameters), "a$1b");
    EXPECT_EQ(*expand_references("${", parameters), "${");
}

TEST(ParametersTest, ANameRunsAsLongAsTheShellReadsIt) {
    const auto result = expand_references("$queue_directoryx", parameters);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(), "unknown parameter '$queue_directoryx'");
}

TEST(ParametersTest, AnUnknownNameIsAFailure) {
    const auto result = expand_references("${nope}/x", parameters);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error(), "unknown parameter '$nope'");
}

TEST(ParametersTest, NamesTheLeadingReference) {
    EXPECT_EQ(leading_reference("$queue_directory/active"), "queue_directory");
    EXPECT_EQ(leading_reference("${data_directory}"), "data_directory");
    EXPECT_EQ(leading_reference("/usr/sbin"), "");
}

TEST(ParametersTest, ListsWhatPostInstallReads) {
    const auto names = installation_parameter_names();
    EXPECT_EQ(names.size(), 16u);
    EXPECT_NE(std::find(names.begin(), names.end(), "setgid_group"), names.end());
    EXPECT_NE(std::find(names.begin(), names.end(), "config_directory"), names.end());
}

}  // namespace
}  // namespace pmr::postfix_files
