#include "core/manifest/manifest_writer.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <set>

#include "core/manifest/manifest_parser.h"

namespace pmr::manifest {
namespace {

/// The manifest without positions, which only the parser knows.
Manifest without_positions(Manifest m) {
    for (Parameter& p : m.primary_parameters)
        p.position = {};
    for (DesiredInstance& d : m.instances) {
        d.position = {};
        d.name_position = {};
        d.group_position = {};
        d.config_directory_position = {};
        d.queue_directory_position = {};
        d.data_directory_position = {};
        d.running_position = {};
        for (Parameter& p : d.parameters)
            p.position = {};
    }
    return m;
}

/// write_manifest, then parse_manifest: the text must read back.
std::optional<Manifest> round_trip(const Manifest& m, Diagnostics& problems) {
    const std::string text = write_manifest(m);
    auto back = parse_manifest(text, m.path, problems);
    if (!back)
        return std::nullopt;
    return without_positions(*back);
}

Manifest example() {
    Manifest m;
    m.path = "out.yaml";
    m.unmanaged = Unmanaged::deport;
    m.primary_running = false;
    m.primary_parameters = {{"inet_interfaces", "loopback-only", {}},
                            {"relayhost", std::nullopt, {}}};
    DesiredInstance out;
    out.name = "postfix-out";
    out.group = "mta";
    out.enable = true;
    out.running = true;
    out.config_directory = "/etc/postfix-out";
    out.queue_directory = "/var/spool/postfix-out";
    out.data_directory = "/var/lib/postfix-out";
    out.parameters = {{"myhostname", "out.example", {}}, {"master_service_disable", "", {}}};
    out.protect = true;
    DesiredInstance old;
    old.name = "postfix-old";
    old.group = "";
    old.enable = false;
    old.state = DesiredState::absent;
    m.instances = {out, old};
    return m;
}

TEST(ManifestWriterTest, TheText) {
    EXPECT_EQ(
        write_manifest(example()),
        "# yaml-language-server: $schema=/usr/share/pmreconcile/schema/pmreconcile.schema.json\n"
        "version: 1\n"
        "primary:\n"
        "  running: false\n"
        "  parameters:\n"
        "    inet_interfaces: \"loopback-only\"\n"
        "    relayhost: null\n"
        "unmanaged: deport\n"
        "instances:\n"
        "  - name: \"postfix-out\"\n"
        "    group: \"mta\"\n"
        "    enable: true\n"
        "    running: true\n"
        "    config_directory: \"/etc/postfix-out\"\n"
        "    queue_directory: \"/var/spool/postfix-out\"\n"
        "    data_directory: \"/var/lib/postfix-out\"\n"
        "    parameters:\n"
        "      myhostname: \"out.example\"\n"
        "      master_service_disable: \"\"\n"
        "    protect: true\n"
        "  - name: \"postfix-old\"\n"
        "    group: \"\"\n"
        "    enable: false\n"
        "    state: absent\n");
}

TEST(ManifestWriterTest, AnEmptyManifest) {
    EXPECT_EQ(
        write_manifest(Manifest{}),
        "# yaml-language-server: $schema=/usr/share/pmreconcile/schema/pmreconcile.schema.json\n"
        "version: 1\n"
        "unmanaged: keep\n"
        "instances: []\n");
}

TEST(ManifestWriterTest, ReadsBackEqual) {
    Diagnostics problems;
    const auto back = round_trip(example(), problems);
    ASSERT_TRUE(back) << problems.front().to_string();
    EXPECT_EQ(*back, example());
}

TEST(ManifestWriterTest, ValuesAreQuotedSoAnyTextReadsBack) {
    Manifest m;
    m.primary_parameters = {{"a", "quote \" backslash \\ tab \t", {}},
                            {"b", "# not a comment: {[*&!|>'%@`", {}},
                            {"c", "null", {}},
                            {"d", "yes", {}},
                            {"e", "\x01\x1f\x7f", {}},
                            {"f", " leading and trailing ", {}},
                            {"g", "caf\xc3\xa9 \xe2\x9c\x93", {}},
                            {"h", "line\nbreak\r", {}}};
    Diagnostics problems;
    const auto back = round_trip(m, problems);
    ASSERT_TRUE(back) << problems.front().to_string();
    EXPECT_EQ(*back, m);
}

TEST(ManifestWriterTest, ParameterNamesThatAreNotPlainWordsAreQuoted) {
    // main.cf accepts any name without white space, '=' or a leading '#'; an exported manifest
    // must read back whatever the host's main.cf files hold.
    Manifest m;
    for (const char* name :
         {"null", "~",  "Null", "NULL", "true", "1",  "-",   "a:b", "[x]", "{x}", "*x", "&x", "!x",
          "%x",   "@x", "`x",   "|x",   ">x",   "'x", "\"x", "?x",  "x,y", "x#y", "#x", ""}) {
        m.primary_parameters.push_back({name, "v", {}});
    }
    const std::string text = write_manifest(m);
    EXPECT_NE(text.find("\n    \"null\": \"v\"\n"), std::string::npos) << text;
    EXPECT_NE(text.find("\n    \"[x]\": \"v\"\n"), std::string::npos) << text;
    Diagnostics problems;
    const auto back = round_trip(m, problems);
    ASSERT_TRUE(back) << problems.front().to_string() << "\n" << text;
    EXPECT_EQ(*back, m);
}

TEST(ManifestWriterTest, AParameterNameLongerThanAYamlImplicitKeyReadsBack) {
    // YAML limits a key before its ':' to 1,024 characters (the fuzz target found one longer).
    Manifest m;
    m.primary_parameters = {{std::string(1024, 'k'), "fits", {}},
                            {std::string(1025, 'l'), "explicit", {}},
                            {std::string(1100, '\x1f'), std::nullopt, {}}};
    const std::string text = write_manifest(m);
    EXPECT_NE(text.find("\n    " + std::string(1024, 'k') + ": \"fits\"\n"), std::string::npos);
    EXPECT_NE(text.find("\n    ? " + std::string(1025, 'l') + "\n    : \"explicit\"\n"),
              std::string::npos);
    Diagnostics problems;
    const auto back = round_trip(m, problems);
    ASSERT_TRUE(back) << problems.front().to_string();
    EXPECT_EQ(*back, m);
}

TEST(ManifestWriterTest, OrdinaryParameterNamesStayPlain) {
    Manifest m;
    m.primary_parameters = {{"smtpd_tls_cert_file", "x", {}}, {"a.b-c", "y", {}}};
    EXPECT_NE(write_manifest(m).find("\n    smtpd_tls_cert_file: \"x\"\n    a.b-c: \"y\"\n"),
              std::string::npos)
        << write_manifest(m);
}

// --- the host as a manifest ----------------------------------------------------------------------

TEST(ManifestFromHostTest, EverySecondaryWithItsSettings) {
    instance::HostState state;
    state.instances = {
        {"/etc/postfix", "/var/spool/postfix", "/var/lib/postfix", "", "", true, true},
        {"/etc/postfix-b", "/var/spool/postfix-b", "/var/lib/postfix-b", "postfix-b", "mta", true,
         false},
        {"/srv/a", "/srv/a/q", "/srv/a/d", "postfix-a", "", false, false},
    };
    instance::HostFiles files{
        maincf::MainCf::parse("inet_interfaces = loopback-only\nmulti_instance_enable = yes\n"
                              "multi_instance_directories = /etc/postfix-b /srv/a\n",
                              "/etc/postfix/main.cf"),
        {},
        {}};
    files.secondaries.emplace(
        "/etc/postfix-b",
        maincf::MainCf::parse("queue_directory = /var/spool/postfix-b\nmyhostname = b\n"
                              "multi_instance_name = postfix-b\nbiff = no\nmyhostname = b2\n",
                              "/etc/postfix-b/main.cf"));

    const Manifest bare = manifest_from_host(state, nullptr);
    EXPECT_EQ(bare.unmanaged, Unmanaged::keep);
    EXPECT_EQ(bare.primary_running, std::nullopt);  // not asked: not written
    EXPECT_EQ(bare.instances[0].running, std::nullopt);
    ASSERT_EQ(bare.instances.size(), 2u);
    EXPECT_EQ(bare.instances[0].name, "postfix-b");
    EXPECT_EQ(bare.instances[0].group, "mta");
    EXPECT_EQ(bare.instances[0].enable, true);
    EXPECT_EQ(bare.instances[0].config_directory, "/etc/postfix-b");
    EXPECT_EQ(bare.instances[0].queue_directory, "/var/spool/postfix-b");
    EXPECT_EQ(bare.instances[0].data_directory, "/var/lib/postfix-b");
    EXPECT_TRUE(bare.instances[0].parameters.empty());
    EXPECT_EQ(bare.instances[1].name, "postfix-a");
    EXPECT_EQ(bare.instances[1].group, "");
    EXPECT_EQ(bare.instances[1].enable, false);

    const Manifest full = manifest_from_host(state, &files);
    // The primary's too (#14), its reserved ones left out: a round trip keeps inet_interfaces.
    EXPECT_EQ(full.primary_parameters,
              (std::vector<Parameter>{{"inet_interfaces", "loopback-only", {}}}));
    // The effective settings in name order, reserved ones left out.
    EXPECT_EQ(full.instances[0].parameters,
              (std::vector<Parameter>{{"biff", "no", {}}, {"myhostname", "b2", {}}}));
    EXPECT_TRUE(full.instances[1].parameters.empty());  // no main.cf given for it

    // With the running masters: every instance's `running:`, the primary's too.
    const std::set<std::string> running{"/etc/postfix", "/srv/a"};
    const Manifest live = manifest_from_host(state, nullptr, &running);
    EXPECT_EQ(live.primary_running, true);
    EXPECT_EQ(live.instances[0].running, false);
    EXPECT_EQ(live.instances[1].running, true);
    Diagnostics problems;
    const auto back = round_trip(full, problems);
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, full);
}

// --- the round trip, for any manifest ------------------------------------------------------------

rc::Gen<std::string> any_text() {
    return rc::gen::oneOf(
        rc::gen::element<std::string>("", "postfix-a", "null", "~", "yes", "no", "true", "1",
                                      "0x1F", "1.10", "-", "a: b", "#x", "[x]", " x ", "\"", "'",
                                      "\\", "caf\xc3\xa9"),
        rc::gen::container<std::string>(rc::gen::inRange<char>(1, 127)),
        rc::gen::string<std::string>());
}

/// Left out, or drawn from `gen`.
template <typename T>
std::optional<T> maybe(const rc::Gen<T>& gen) {
    if (*rc::gen::arbitrary<bool>())
        return std::nullopt;
    return *gen;
}

rc::Gen<std::vector<Parameter>> any_parameters() {
    return rc::gen::exec([] {
        std::vector<Parameter> parameters;
        std::set<std::string> names;
        const int count = *rc::gen::element(0, 1, 2, 3, 4);
        for (int i = 0; i < count; ++i) {
            Parameter p{*any_text(), std::nullopt, {}};
            if (!names.insert(p.name).second)
                continue;  // a mapping has each key once
            if (*rc::gen::arbitrary<bool>())
                p.value = *any_text();
            parameters.push_back(std::move(p));
        }
        return parameters;
    });
}

rc::Gen<Manifest> any_manifest() {
    return rc::gen::exec([] {
        Manifest m;
        m.path = "any.yaml";
        m.unmanaged = *rc::gen::element(Unmanaged::keep, Unmanaged::deport, Unmanaged::destroy);
        m.primary_parameters = *any_parameters();
        m.primary_running = maybe(rc::gen::arbitrary<bool>());
        const int count = *rc::gen::element(0, 1, 2, 3, 4);
        for (int i = 0; i < count; ++i) {
            DesiredInstance d;
            d.name = *any_text();
            d.group = maybe(any_text());
            d.enable = maybe(rc::gen::arbitrary<bool>());
            d.running = maybe(rc::gen::arbitrary<bool>());
            d.config_directory = maybe(any_text());
            d.queue_directory = maybe(any_text());
            d.data_directory = maybe(any_text());
            d.parameters = *any_parameters();
            d.protect = *rc::gen::arbitrary<bool>();
            d.state = *rc::gen::element(DesiredState::present, DesiredState::absent);
            m.instances.push_back(std::move(d));
        }
        return m;
    });
}

RC_GTEST_PROP(ManifestWriterProperty, AnyManifestReadsBackEqual, ()) {
    const Manifest m = *any_manifest();
    RC_TAG(m.instances.empty() ? "no instances" : "instances");
    const std::string text = write_manifest(m);
    RC_LOG() << text;
    Diagnostics problems;
    const auto back = parse_manifest(text, m.path, problems);
    for (const Diagnostic& d : problems)
        RC_LOG() << d.to_string() << "\n";
    RC_ASSERT(back.has_value());
    RC_ASSERT(without_positions(*back) == m);
    RC_ASSERT(write_manifest(*back) == text);
}

}  // namespace
}  // namespace pmr::manifest
