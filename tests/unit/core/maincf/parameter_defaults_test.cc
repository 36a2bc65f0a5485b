#include "core/maincf/parameter_defaults.h"

#include <gtest/gtest.h>

namespace pmr::maincf {
namespace {

std::vector<std::string> messages(const Diagnostics& diagnostics) {
    std::vector<std::string> out;
    for (const Diagnostic& d : diagnostics)
        out.push_back(d.to_string());
    return out;
}

TEST(ParameterDefaultsTest, BuiltinHoldsDebianValuesOfWhatInstanceManagementReads) {
    const ParameterDefaults& d = ParameterDefaults::builtin();
    EXPECT_EQ(d.get("config_directory"), "/etc/postfix");
    EXPECT_EQ(d.get("queue_directory"), "/var/spool/postfix");
    EXPECT_EQ(d.get("data_directory"), "/var/lib/postfix");
    EXPECT_EQ(d.get("command_directory"), "/usr/sbin");
    EXPECT_EQ(d.get("daemon_directory"), "/usr/lib/postfix/sbin");
    EXPECT_EQ(d.get("multi_instance_enable"), "no");
    EXPECT_EQ(d.get("multi_instance_directories"), "");
    EXPECT_EQ(d.get("postmulti_stop_commands"), "stop abort drain quick-stop");
    EXPECT_EQ(d.get("syslog_name"), "${multi_instance_name?{$multi_instance_name}:{postfix}}");
    // postfix(1)'s backwards-compatibility notices depend on it (#3).
    EXPECT_EQ(d.get("compatibility_level"), "0");
    EXPECT_EQ(d.get("no_such_parameter"), std::nullopt);
    EXPECT_EQ(d.size(), 35u);
}

TEST(ParameterDefaultsTest, ParsesPostconfDashDOutput) {
    Diagnostics problems;
    const auto d = ParameterDefaults::from_postconf_output(
        "2bounce_notice_recipient = postmaster\n"
        "relayhost =\n"
        "smtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU)\n"
        "weird = a = b\n"
        "config_directory = /etc/postfix-custom\n",
        "postconf -d", problems);
    EXPECT_TRUE(problems.empty());
    EXPECT_EQ(d.get("2bounce_notice_recipient"), "postmaster");
    EXPECT_EQ(d.get("relayhost"), "");
    EXPECT_EQ(d.get("smtpd_banner"), "$myhostname ESMTP $mail_name (Debian/GNU)");
    EXPECT_EQ(d.get("weird"), "a = b");
    EXPECT_EQ(d.get("config_directory"), "/etc/postfix-custom");  // output beats builtin
    EXPECT_EQ(d.get("queue_directory"), "/var/spool/postfix");    // builtin fills the gaps
}

TEST(ParameterDefaultsTest, ReportsEveryLineThatIsNotNameEqualsValue) {
    Diagnostics problems;
    const auto d = ParameterDefaults::from_postconf_output("a = 1\njunk\n = x\nb c = 2\n\nd = 4",
                                                           "postconf -d", problems);
    EXPECT_EQ(messages(problems),
              (std::vector<std::string>{"postconf -d:2: unexpected postconf output: \"junk\"",
                                        "postconf -d:3: unexpected postconf output: \" = x\"",
                                        "postconf -d:4: unexpected postconf output: \"b c = 2\""}));
    EXPECT_EQ(d.get("a"), "1");
    EXPECT_EQ(d.get("d"), "4");
    EXPECT_EQ(d.get("junk"), std::nullopt);
}

TEST(ParameterDefaultsTest, SetAddsOrReplacesKeepingLookupsWorking) {
    ParameterDefaults d;
    EXPECT_EQ(d.size(), 0u);
    d.set("m", "1");
    d.set("a", "2");
    d.set("z", "3");
    d.set("m", "4");
    EXPECT_EQ(d.size(), 3u);
    EXPECT_EQ(d.get("a"), "2");
    EXPECT_EQ(d.get("m"), "4");
    EXPECT_EQ(d.get("z"), "3");
    EXPECT_EQ(d.get("b"), std::nullopt);
}

TEST(ParameterDefaultsTest, RawParametersAreThoseOfPostfix37) {
    for (const char* name :
         {"command_execution_directory", "default_rbl_reply", "forward_path", "luser_relay",
          "mailbox_command", "postscreen_expansion_filter", "postscreen_reject_footer",
          "smtpd_expansion_filter", "smtpd_reject_footer"}) {
        EXPECT_TRUE(is_raw_parameter(name)) << name;
    }
    EXPECT_FALSE(is_raw_parameter("relayhost"));
    EXPECT_FALSE(is_raw_parameter("forward_path_x"));
    EXPECT_FALSE(is_raw_parameter(""));
}

TEST(ParameterDefaultsTest, ReadOnlyParameters) {
    EXPECT_TRUE(is_read_only_parameter("process_name"));
    EXPECT_TRUE(is_read_only_parameter("process_id"));
    EXPECT_TRUE(is_read_only_parameter("service_name"));
    EXPECT_FALSE(is_read_only_parameter("mail_version"));
}

}  // namespace
}  // namespace pmr::maincf
