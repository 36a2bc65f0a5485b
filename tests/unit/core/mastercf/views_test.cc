#include "core/mastercf/views.h"

#include <gtest/gtest.h>

#include <string>

namespace pmr::mastercf {
namespace {

Service service(std::string_view text) {
    return *parse_service(text).service;
}

TEST(ViewsTest, FormatsAnEntryInPostconfsColumns) {
    EXPECT_EQ(format_entry(service("smtp inet n - y - - smtpd"), Folding::none),
              "smtp       inet  n       -       y       -       -       smtpd\n");
    EXPECT_EQ(format_entry(service("postlog unix-dgram n - n - 1 postlogd"), Folding::none),
              "postlog    unix-dgram n  -       n       -       1       postlogd\n");
    EXPECT_EQ(format_entry(service("a-very-long-name unix - - - - - x"), Folding::none),
              "a-very-long-name unix -  -       -       -       -       x\n");
}

TEST(ViewsTest, BracesValuesWithSpacesButNotTheFirstNonOption) {
    const Service s = service("a unix - - - - - cmd2 -o z=2 -o { w = a  b } {c d} {e f} -o");
    EXPECT_EQ(format_entry(s, Folding::none),
              "a          unix  -       -       -       -       -       cmd2 -o z=2 -o {w=a  b} "
              "c d {e f} -o\n");
    EXPECT_EQ(format_entry(s, Folding::fold),
              "a          unix  -       -       -       -       -       cmd2\n"
              "    -o z=2\n"
              "    -o {w=a  b}\n"
              "    c d {e f} -o\n");
}

TEST(ViewsTest, FoldsLongArgumentsBeforeColumnEighty) {
    const Service s = service(
        "relay unix - - n - - smtp flags=R extra_long_argument_0123456789 "
        "another_argument_that_wraps_0123456789 x");
    EXPECT_EQ(format_entry(s, Folding::fold),
              "relay      unix  -       -       n       -       -       smtp flags=R\n"
              "    extra_long_argument_0123456789 another_argument_that_wraps_0123456789 x\n");
}

TEST(ViewsTest, ShowsFieldsAsPostconfDashF) {
    EXPECT_EQ(format_fields(service("c unix - - - - - x {p q} -o r")),
              "c/unix/service = c\n"
              "c/unix/type = unix\n"
              "c/unix/private = -\n"
              "c/unix/unprivileged = -\n"
              "c/unix/chroot = -\n"
              "c/unix/wakeup = -\n"
              "c/unix/process_limit = -\n"
              "c/unix/command = x p q -o r\n");
}

TEST(ViewsTest, ShowsParametersAsPostconfDashP) {
    const MasterCf master_cf = MasterCf::parse(
        "a unix - - - - - x -o y=1\n"
        "a unix - - - - - x -o z=2 -o { w = a  b }\n"
        "b unix - - - - - x\n"
        "b unix - - - - - x -o q=1\n",
        "master.cf");
    // Entries of one name and type share their parameters, and an entry shows them only when it
    // or an earlier entry of that name and type has some.
    EXPECT_EQ(show_parameters(master_cf),
              "a/unix/w = a b\na/unix/y = 1\na/unix/z = 2\n"
              "a/unix/w = a b\na/unix/y = 1\na/unix/z = 2\n"
              "b/unix/q = 1\n");
    EXPECT_EQ(parameters_by_service(master_cf).at("a/unix").at("w"), "a  b");
}

TEST(ViewsTest, ShowsWholeFiles) {
    const MasterCf master_cf = MasterCf::parse(
        "smtp inet n - y - - smtpd\n  -o a=1\npickup unix n - y 60 1 pickup\n", "master.cf");
    EXPECT_EQ(show_entries(master_cf, Folding::none),
              "smtp       inet  n       -       y       -       -       smtpd -o a=1\n"
              "pickup     unix  n       -       y       60      1       pickup\n");
    EXPECT_EQ(show_entries(master_cf, Folding::fold),
              "smtp       inet  n       -       y       -       -       smtpd\n"
              "    -o a=1\n"
              "pickup     unix  n       -       y       60      1       pickup\n");
    EXPECT_EQ(show_fields(master_cf).substr(0, 19), "smtp/inet/service =");
    EXPECT_EQ(show_parameters(master_cf), "smtp/inet/a = 1\n");
}

}  // namespace
}  // namespace pmr::mastercf
