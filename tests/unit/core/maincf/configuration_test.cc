#include "core/maincf/configuration.h"

#include <gtest/gtest.h>

namespace pmr::maincf {
namespace {

struct Fixture {
    explicit Fixture(std::string text, ParameterDefaults d = ParameterDefaults::builtin())
        : main_cf(MainCf::parse(std::move(text), "main.cf")), defaults(std::move(d)) {}
    MainCf main_cf;
    ParameterDefaults defaults;
    [[nodiscard]] Configuration config() const { return Configuration(main_cf, defaults); }
};

TEST(ConfigurationTest, MainCfOverridesDefaults) {
    const Fixture f("queue_directory = /var/spool/postfix-out\nuser_thing = 1\n");
    const auto config = f.config();
    EXPECT_EQ(config.raw_value("queue_directory"), "/var/spool/postfix-out");
    EXPECT_EQ(config.raw_value("data_directory"), "/var/lib/postfix");
    EXPECT_EQ(config.raw_value("user_thing"), "1");
    EXPECT_EQ(config.raw_value("unknown_thing"), std::nullopt);
}

TEST(ConfigurationTest, ExpandsThroughMainCfAndDefaults) {
    const Fixture f("multi_instance_name = postfix-out\nlog = $syslog_name.$syslog_facility\n");
    const auto config = f.config();
    EXPECT_EQ(config.expanded("syslog_name").value, "postfix-out");
    EXPECT_EQ(config.expanded("log").value, "postfix-out.mail");
    const Fixture primary("");
    EXPECT_EQ(primary.config().expanded("syslog_name").value, "postfix");
}

TEST(ConfigurationTest, UnknownNameExpandsToEmpty) {
    const Fixture f("");
    const auto e = f.config().expanded("unknown_thing");
    EXPECT_TRUE(e.ok());
    EXPECT_EQ(e.value, "");
}

TEST(ConfigurationTest, ExpansionErrorsAreReportedAndExpandedOrFallsBack) {
    const Fixture f("a = $b\nb = $a\nc = ${broken\n");
    const auto config = f.config();
    EXPECT_EQ(config.expanded("a").errors,
              std::vector<std::string>{"parameter reference loop: $b -> $a -> $b"});
    EXPECT_EQ(config.expanded("c").errors,
              std::vector<std::string>{"truncated macro reference: \"${broken\""});
    EXPECT_EQ(config.expanded_or("c", "fallback"), "fallback");
    EXPECT_EQ(config.expanded_or("queue_directory", "fallback"), "/var/spool/postfix");
}

TEST(ConfigurationTest, RawParametersAreShownUnexpandedButExpandWhereReferenced) {
    const Fixture f("forward_path = $home/.forward\nlocal_thing = [$forward_path]\n");
    const auto config = f.config();
    EXPECT_EQ(config.expanded("forward_path").value, "$home/.forward");
    EXPECT_EQ(config.expanded("local_thing").value, "[/.forward]");
}

TEST(ConfigurationTest, MainCfCannotSetReadOnlyParameters) {
    ParameterDefaults d;
    d.set("process_name", "postconf");
    const Fixture f("process_name = mine\nx = $process_name\n", d);
    const auto config = f.config();
    EXPECT_EQ(config.raw_value("process_name"), "postconf");
    EXPECT_EQ(config.expanded("x").value, "postconf");
    EXPECT_EQ(f.main_cf.get("process_name"), "mine");  // the file still says so
}

TEST(ConfigurationTest, MydomainDefaultFollowsMainCfMyhostname) {
    ParameterDefaults d;
    d.set("mydomain", "localdomain");
    d.set("myhostname", "vm.localdomain");
    EXPECT_EQ(Fixture("myhostname = mail.example.com\n", d).config().raw_value("mydomain"),
              "example.com");
    EXPECT_EQ(Fixture("myhostname = a.b.example.org\n", d).config().raw_value("mydomain"),
              "b.example.org");
    EXPECT_EQ(Fixture("myhostname = host\n", d).config().raw_value("mydomain"), "localdomain");
    EXPECT_EQ(Fixture("h = mx\nmyhostname = $h.example.net\nd = $mydomain\n", d)
                  .config()
                  .expanded("d")
                  .value,
              "example.net");
    EXPECT_EQ(Fixture("myhostname = mail.example.com\nmydomain = other.org\n", d)
                  .config()
                  .raw_value("mydomain"),
              "other.org");
    EXPECT_EQ(Fixture("", d).config().raw_value("mydomain"), "localdomain");
}

TEST(ConfigurationTest, MydomainDerivationLooksOnlyAtMainCfAndConfigDirectory) {
    // postconf evaluates myhostname with main.cf's names alone: a default is not consulted...
    ParameterDefaults d;
    d.set("mydomain", "localdomain");
    d.set("mail_name", "Postfix");
    d.set("config_directory", "/etc/postfix-out");
    const Fixture f("myhostname = host.$mail_name.example\n", d);
    EXPECT_EQ(f.config().raw_value("mydomain"), ".example");
    // ...except config_directory, which Postfix puts into main.cf's table before reading it.
    const Fixture g("myhostname = mail.$config_directory\n", d);
    EXPECT_EQ(g.config().raw_value("mydomain"), "/etc/postfix-out");
    const Fixture h("config_directory = /x\nmyhostname = mail.$config_directory\n", d);
    EXPECT_EQ(h.config().raw_value("mydomain"), "/x");
}

TEST(ConfigurationTest, MydomainThatCannotBeDerivedFailsWhatNeedsIt) {
    // With main.cf's names alone $mydomain is undefined, so postconf takes the `:` branch and
    // dies on its number (`mac_exp_eval: bad conversion`) wherever mydomain is needed.
    ParameterDefaults d;
    d.set("mydomain", "localdomain");
    d.set("mail_name", "Postfix");
    const Fixture f(
        "myhostname = host.${mydomain?{}:{${{99999999999999999999}=={1}}}}\n"
        "x = $mail_name\nz = $mydomain\n",
        d);
    const auto config = f.config();
    EXPECT_FALSE(config.expanded("mydomain").ok());
    EXPECT_FALSE(config.expanded("z").ok());
    EXPECT_FALSE(config.expanded("myhostname").ok());
    EXPECT_EQ(config.expanded("x").value, "Postfix");
}

}  // namespace
}  // namespace pmr::maincf
