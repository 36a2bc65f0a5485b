#include "core/postmulti/log_tag.h"

#include <gtest/gtest.h>

namespace pmr::postmulti {
namespace {

using maincf::MainCf;
using maincf::ParameterDefaults;

std::string tag_of(const std::string& main_cf_text) {
    return log_tag(MainCf::parse(main_cf_text, "/etc/postfix/main.cf"),
                   ParameterDefaults::builtin());
}

TEST(LogTagTest, UnnamedPrimaryIsPostfix) {
    // Bug fix (#14): postmulti exports MAIL_LOGTAG to every command; pmreconcile exported none.
    EXPECT_EQ(tag_of(""), "postfix");
    EXPECT_EQ(tag_of("multi_instance_name =\n"), "postfix");
}

TEST(LogTagTest, NamedPrimaryIsItsName) {
    EXPECT_EQ(tag_of("multi_instance_name = postfix-p\n"), "postfix-p");
}

TEST(LogTagTest, AnExplicitSyslogNameIsExpanded) {
    EXPECT_EQ(tag_of("multi_instance_name = postfix-p\nsyslog_name = ${multi_instance_name}-log\n"),
              "postfix-p-log");
    EXPECT_EQ(tag_of("syslog_name = mail\n"), "mail");
}

}  // namespace
}  // namespace pmr::postmulti
