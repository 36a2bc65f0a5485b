#include "core/manifest/manifest_parser.h"

#include <gtest/gtest.h>

namespace pmr::manifest {
namespace {

using Strings = std::vector<std::string>;

struct Parsed {
    std::optional<Manifest> manifest;
    Strings problems;  ///< `FILE:LINE:COL: message`
};

Parsed parse(std::string_view text) {
    Diagnostics problems;
    Parsed parsed;
    parsed.manifest = parse_manifest(text, "m.yaml", problems);
    for (const Diagnostic& d : problems) {
        EXPECT_EQ(d.severity, Severity::error) << d.to_string();
        parsed.problems.push_back(d.to_string());
    }
    return parsed;
}

/// The problems of a manifest that must be refused.
Strings refused(std::string_view text) {
    const Parsed parsed = parse(text);
    EXPECT_FALSE(parsed.manifest) << text;
    EXPECT_FALSE(parsed.problems.empty()) << text;
    return parsed.problems;
}

/// A manifest that must be read without a problem.
Manifest read(std::string_view text) {
    Parsed parsed = parse(text);
    EXPECT_TRUE(parsed.problems.empty()) << ::testing::PrintToString(parsed.problems);
    if (!parsed.manifest) {
        ADD_FAILURE() << "not read: " << text;
        return {};
    }
    return *parsed.manifest;
}

// --- what is read --------------------------------------------------------------------------------

TEST(ManifestParserTest, ReadsEveryField) {
    const Manifest m = read(
        "# yaml-language-server: $schema=../schema/pmreconcile.schema.json\n"
        "version: 1\n"
        "primary:\n"
        "  parameters: {inet_interfaces: loopback-only, relayhost: null}\n"
        "unmanaged: deport\n"
        "instances:\n"
        "  - name: postfix-out\n"
        "    group: mta\n"
        "    enable: true\n"
        "    config_directory: /etc/postfix-out\n"
        "    queue_directory: /var/spool/postfix-out\n"
        "    data_directory: /var/lib/postfix-out\n"
        "    parameters:\n"
        "      myhostname: out.example.com\n"
        "      master_service_disable: \"\"\n"
        "      smtp_helo_timeout: 300\n"
        "      relay_domains: ~\n"
        "    protect: true\n"
        "  - name: postfix-old\n"
        "    state: absent\n");
    EXPECT_EQ(m.path, "m.yaml");
    EXPECT_EQ(m.version, 1);
    EXPECT_EQ(m.unmanaged, Unmanaged::deport);
    EXPECT_EQ(m.primary_parameters,
              (std::vector<Parameter>{{"inet_interfaces", "loopback-only", {4, 16}},
                                      {"relayhost", std::nullopt, {4, 48}}}));
    ASSERT_EQ(m.instances.size(), 2u);
    const DesiredInstance& out = m.instances[0];
    EXPECT_EQ(out.name, "postfix-out");
    EXPECT_EQ(out.group, "mta");
    EXPECT_EQ(out.enable, true);
    EXPECT_EQ(out.config_directory, "/etc/postfix-out");
    EXPECT_EQ(out.queue_directory, "/var/spool/postfix-out");
    EXPECT_EQ(out.data_directory, "/var/lib/postfix-out");
    EXPECT_EQ(out.parameters, (std::vector<Parameter>{{"myhostname", "out.example.com", {14, 7}},
                                                      {"master_service_disable", "", {15, 7}},
                                                      {"smtp_helo_timeout", "300", {16, 7}},
                                                      {"relay_domains", std::nullopt, {17, 7}}}));
    EXPECT_TRUE(out.protect);
    EXPECT_EQ(out.state, DesiredState::present);
    EXPECT_EQ(out.position, (Position{7, 5}));
    EXPECT_EQ(out.name_position, (Position{7, 11}));
    const DesiredInstance& old = m.instances[1];
    EXPECT_EQ(old.name, "postfix-old");
    EXPECT_EQ(old.state, DesiredState::absent);
    EXPECT_EQ(old.group, std::nullopt);
    EXPECT_EQ(old.enable, std::nullopt);
    EXPECT_EQ(old.config_directory, std::nullopt);
    EXPECT_FALSE(old.protect);
    EXPECT_EQ(old.position, (Position{19, 5}));
}

TEST(ManifestParserTest, DefaultsForWhatIsLeftOut) {
    const Manifest m = read("version: 1\n");
    EXPECT_EQ(m.unmanaged, Unmanaged::keep);
    EXPECT_TRUE(m.primary_parameters.empty());
    EXPECT_TRUE(m.instances.empty());
}

TEST(ManifestParserTest, NullSectionsAreEmpty) {
    const Manifest m = read("version: 1\nprimary:\ninstances:\n");
    EXPECT_TRUE(m.primary_parameters.empty());
    EXPECT_TRUE(m.instances.empty());
    EXPECT_TRUE(read("version: 1\nprimary: {parameters: }\ninstances: []\n").instances.empty());
}

TEST(ManifestParserTest, TheUnmanagedPolicies) {
    EXPECT_EQ(read("version: 1\nunmanaged: keep\n").unmanaged, Unmanaged::keep);
    EXPECT_EQ(read("version: 1\nunmanaged: deport\n").unmanaged, Unmanaged::deport);
    EXPECT_EQ(read("version: 1\nunmanaged: destroy\n").unmanaged, Unmanaged::destroy);
}

TEST(ManifestParserTest, BooleansAndANullGroup) {
    const Manifest m = read(
        "version: 1\ninstances:\n"
        "  - {name: postfix-a, enable: yes, protect: no, group: null}\n"
        "  - {name: postfix-b, enable: false, protect: true, group: \"\"}\n"
        "  - {name: postfix-c, state: present}\n");
    ASSERT_EQ(m.instances.size(), 3u);
    EXPECT_EQ(m.instances[0].enable, true);
    EXPECT_FALSE(m.instances[0].protect);
    EXPECT_EQ(m.instances[0].group, "");  // null clears the group, like ""
    EXPECT_EQ(m.instances[1].enable, false);
    EXPECT_TRUE(m.instances[1].protect);
    EXPECT_EQ(m.instances[1].group, "");
    EXPECT_EQ(m.instances[2].state, DesiredState::present);
}

TEST(ManifestParserTest, ValuesKeepTheirText) {
    // Numbers and words YAML might read as other types are main.cf text.
    const Manifest m = read(
        "version: 1\nprimary:\n  parameters:\n"
        "    a: 1.10\n    b: 0x1F\n    c: yes\n    d: \"quoted: #1\"\n    e: 'single ''quoted'''\n"
        "    f: $myhostname ESMTP\n    g: >-\n      folded\n      text\n");
    std::vector<std::pair<std::string, std::optional<std::string>>> values;
    for (const Parameter& p : m.primary_parameters)
        values.emplace_back(p.name, p.value);
    EXPECT_EQ(values, (std::vector<std::pair<std::string, std::optional<std::string>>>{
                          {"a", "1.10"},
                          {"b", "0x1F"},
                          {"c", "yes"},
                          {"d", "quoted: #1"},
                          {"e", "single 'quoted'"},
                          {"f", "$myhostname ESMTP"},
                          {"g", "folded text"}}));
}

TEST(ManifestParserTest, ParametersKeepTheirOrder) {
    const Manifest m = read("version: 1\nprimary:\n  parameters: {z: 1, a: 2, m: 3}\n");
    ASSERT_EQ(m.primary_parameters.size(), 3u);
    EXPECT_EQ(m.primary_parameters[0].name, "z");
    EXPECT_EQ(m.primary_parameters[1].name, "a");
    EXPECT_EQ(m.primary_parameters[2].name, "m");
}

TEST(ManifestParserTest, AWindowsLineEndingsFileReadsTheSame) {
    const Manifest m = read("version: 1\r\ninstances:\r\n  - name: postfix-a\r\n");
    ASSERT_EQ(m.instances.size(), 1u);
    EXPECT_EQ(m.instances[0].name, "postfix-a");
}

// --- the whole file ------------------------------------------------------------------------------

TEST(ManifestParserTest, AnEmptyFile) {
    const Strings expected{"m.yaml: the manifest is empty (expected at least 'version: 1')"};
    EXPECT_EQ(refused(""), expected);
    EXPECT_EQ(refused("# only a comment\n"), expected);
    EXPECT_EQ(refused("\n\n   \n"), expected);
    // An empty document that is started is located where it ends.
    EXPECT_EQ(refused("---\n"),
              (Strings{"m.yaml:2:1: the manifest is empty (expected at least 'version: 1')"}));
}

TEST(ManifestParserTest, NotAMapping) {
    EXPECT_EQ(
        refused("- version: 1\n"),
        (Strings{"m.yaml:1:1: the manifest must be a mapping with 'version' and 'instances'"}));
    EXPECT_EQ(
        refused("just words\n"),
        (Strings{"m.yaml:1:1: the manifest must be a mapping with 'version' and 'instances'"}));
}

TEST(ManifestParserTest, TheVersion) {
    EXPECT_EQ(refused("instances: []\n"),
              (Strings{"m.yaml:1:1: missing required key 'version' (use 'version: 1')"}));
    EXPECT_EQ(refused("version: 2\n"),
              (Strings{"m.yaml:1:10: unsupported manifest version '2' (this pmreconcile reads "
                       "version 1)"}));
    EXPECT_EQ(refused("version: [1]\n"),
              (Strings{"m.yaml:1:10: unsupported manifest version 'a list' (this pmreconcile "
                       "reads version 1)"}));
    EXPECT_EQ(refused("version:\n"),
              (Strings{"m.yaml:1:1: unsupported manifest version 'null' (this pmreconcile reads "
                       "version 1)"}));
}

TEST(ManifestParserTest, UnknownTopLevelKeys) {
    EXPECT_EQ(refused("version: 1\ninstance: []\nextra: 1\n"),
              (Strings{"m.yaml:2:1: unknown key 'instance' in the manifest (expected one of: "
                       "version, primary, unmanaged, instances, endpoints)",
                       "m.yaml:3:1: unknown key 'extra' in the manifest (expected one of: "
                       "version, primary, unmanaged, instances, endpoints)"}));
}

TEST(ManifestParserTest, DuplicateKeysAreRefused) {
    // Which of two `state:` keys would win is not for the reader to guess.
    EXPECT_EQ(refused("version: 1\ninstances:\n  - name: postfix-a\n    state: present\n"
                      "    state: absent\n"),
              (Strings{"m.yaml:5:5: key 'state' is listed twice"}));
    EXPECT_EQ(refused("version: 1\nunmanaged: keep\nunmanaged: destroy\n"),
              (Strings{"m.yaml:3:1: key 'unmanaged' is listed twice"}));
}

TEST(ManifestParserTest, ThePrimary) {
    EXPECT_EQ(refused("version: 1\nprimary: [a]\n"),
              (Strings{"m.yaml:2:10: 'primary' must be a mapping with 'parameters', 'services' or "
                       "'running'"}));
    EXPECT_EQ(refused("version: 1\nprimary: {name: x}\n"),
              (Strings{"m.yaml:2:11: unknown key 'name' in 'primary' (expected one of: "
                       "parameters, services, running)"}));
}

TEST(ManifestParserTest, TheRunningState) {
    const Manifest m = read(
        "version: 1\nprimary:\n  running: true\ninstances:\n  - name: postfix-a\n"
        "    running: false\n  - name: postfix-b\n");
    EXPECT_EQ(m.primary_running, true);
    ASSERT_EQ(m.instances.size(), 2u);
    EXPECT_EQ(m.instances[0].running, false);
    EXPECT_EQ(m.instances[0].running_position, (Position{6, 14}));
    EXPECT_EQ(m.instances[1].running, std::nullopt);  // not managed
    EXPECT_EQ(read("version: 1\n").primary_running, std::nullopt);
    EXPECT_EQ(refused("version: 1\ninstances:\n  - name: postfix-a\n    running: \"yes\"\n"),
              (Strings{"m.yaml:4:14: 'running' must be true or false, not the string \"yes\" "
                       "(remove the quotes)"}));
    EXPECT_EQ(refused("version: 1\nprimary: {running: sometimes}\n"),
              (Strings{"m.yaml:2:20: 'running' must be true or false, not 'sometimes'"}));
}

TEST(ManifestParserTest, TheUnmanagedPolicy) {
    EXPECT_EQ(refused("version: 1\nunmanaged: delete\n"),
              (Strings{"m.yaml:2:12: 'unmanaged' must be keep, deport or destroy, not 'delete'"}));
    EXPECT_EQ(refused("version: 1\nunmanaged: [keep]\n"),
              (Strings{"m.yaml:2:12: 'unmanaged' must be keep, deport or destroy, not 'a list'"}));
}

TEST(ManifestParserTest, TheInstancesList) {
    EXPECT_EQ(refused("version: 1\ninstances: {name: postfix-a}\n"),
              (Strings{"m.yaml:2:12: 'instances' must be a list"}));
    EXPECT_EQ(refused("version: 1\ninstances: postfix-a\n"),
              (Strings{"m.yaml:2:12: 'instances' must be a list"}));
    EXPECT_EQ(refused("version: 1\ninstances:\n  - postfix-a\n  - [x]\n"),
              (Strings{"m.yaml:3:5: each instance must be a mapping with at least 'name'",
                       "m.yaml:4:5: each instance must be a mapping with at least 'name'"}));
}

// --- an instance ---------------------------------------------------------------------------------

TEST(ManifestParserTest, AnInstanceNeedsAName) {
    EXPECT_EQ(refused("version: 1\ninstances:\n  - group: mta\n"),
              (Strings{"m.yaml:3:5: missing required key 'name'"}));
    EXPECT_EQ(refused("version: 1\ninstances:\n  - name: [a]\n"),
              (Strings{"m.yaml:3:11: 'name' must be a string"}));
    EXPECT_EQ(refused("version: 1\ninstances:\n  - name:\n"),
              (Strings{"m.yaml:3:5: 'name' must be a string"}));
}

TEST(ManifestParserTest, UnknownInstanceKeys) {
    EXPECT_EQ(refused("version: 1\ninstances:\n  - name: postfix-a\n    enabled: true\n"),
              (Strings{"m.yaml:4:5: unknown key 'enabled' in an instance (expected one of: name, "
                       "group, enable, config_directory, queue_directory, data_directory, "
                       "parameters, services, protect, state, running)"}));
}

TEST(ManifestParserTest, WrongTypesOfInstanceKeys) {
    EXPECT_EQ(refused("version: 1\ninstances:\n"
                      "  - name: postfix-a\n"
                      "    group: [a]\n"
                      "    enable: maybe\n"
                      "    protect: 1\n"
                      "    config_directory: {a: b}\n"
                      "    queue_directory: [x]\n"
                      "    data_directory:\n"
                      "    state: gone\n"),
              (Strings{"m.yaml:4:12: 'group' must be a string",
                       "m.yaml:5:13: 'enable' must be true or false, not 'maybe'",
                       "m.yaml:6:14: 'protect' must be true or false, not '1'",
                       "m.yaml:7:23: 'config_directory' must be a string",
                       "m.yaml:8:22: 'queue_directory' must be a string",
                       "m.yaml:9:5: 'data_directory' must be a string",
                       "m.yaml:10:12: 'state' must be present or absent, not 'gone'"}));
}

TEST(ManifestParserTest, Parameters) {
    EXPECT_EQ(refused("version: 1\ninstances:\n  - name: postfix-a\n    parameters: [a, b]\n"),
              (Strings{"m.yaml:4:17: 'parameters' must be a mapping of main.cf names to values"}));
    EXPECT_EQ(refused("version: 1\nprimary:\n  parameters: x\n"),
              (Strings{"m.yaml:3:15: 'parameters' must be a mapping of main.cf names to values"}));
    EXPECT_EQ(refused("version: 1\nprimary:\n  parameters:\n    a: [1]\n    b: {c: d}\n"),
              (Strings{"m.yaml:4:8: the value of 'a' must be a string, a number or null (to "
                       "remove it)",
                       "m.yaml:5:8: the value of 'b' must be a string, a number or null (to "
                       "remove it)"}));
    EXPECT_EQ(refused("version: 1\nprimary:\n  parameters:\n    a: 1\n    a: 2\n"),
              (Strings{"m.yaml:5:5: parameter 'a' is listed twice"}));
    EXPECT_EQ(refused("version: 1\nprimary:\n  parameters:\n    [a]: 1\n"),
              (Strings{"m.yaml:4:5: a parameter name must be a plain word"}));
}

TEST(ManifestParserTest, EveryProblemIsReportedAtOnce) {
    EXPECT_EQ(refused("version: 3\n"
                      "unmanaged: maybe\n"
                      "colour: red\n"
                      "instances:\n"
                      "  - name: postfix-a\n"
                      "    enable: sometimes\n"
                      "  - group: g\n"),
              (Strings{"m.yaml:3:1: unknown key 'colour' in the manifest (expected one of: "
                       "version, primary, unmanaged, instances, endpoints)",
                       "m.yaml:1:10: unsupported manifest version '3' (this pmreconcile reads "
                       "version 1)",
                       "m.yaml:2:12: 'unmanaged' must be keep, deport or destroy, not 'maybe'",
                       "m.yaml:6:13: 'enable' must be true or false, not 'sometimes'",
                       "m.yaml:7:5: missing required key 'name'"}));
}

// --- YAML features and limits --------------------------------------------------------------------

TEST(ManifestParserTest, AnchorsAndAliasesAreRefused) {
    EXPECT_EQ(refused("version: 1\n"
                      "instances:\n"
                      "  - &a {name: postfix-a}\n"
                      "  - *a\n"),
              (Strings{"m.yaml:3:5: YAML anchors are not allowed in a manifest",
                       "m.yaml:4:5: YAML aliases are not allowed in a manifest"}));
    EXPECT_EQ(refused("version: &v 1\n"),
              (Strings{"m.yaml:1:10: YAML anchors are not allowed in a manifest"}));
}

TEST(ManifestParserTest, AnAliasBombIsRefusedWithoutExpandingIt) {
    std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n";
    for (char c = 'b'; c <= 'z'; ++c) {
        const char previous = static_cast<char>(c - 1);
        bomb += std::string(1, c) + ": &" + c + " [*" + previous + ", *" + previous + ", *" +
                previous + ", *" + previous + ", *" + previous + ", *" + previous + "]\n";
    }
    const Strings problems = refused(bomb);
    ASSERT_FALSE(problems.empty());
    EXPECT_EQ(problems.front(), "m.yaml:1:4: YAML anchors are not allowed in a manifest");
}

TEST(ManifestParserTest, OneDocumentOnly) {
    EXPECT_EQ(refused("version: 1\n---\nversion: 1\n"),
              (Strings{"m.yaml:2:1: only one YAML document is allowed"}));
    EXPECT_EQ(refused("---\nversion: 1\n...\n---\nversion: 1\n---\nversion: 1\n"),
              (Strings{"m.yaml:4:1: only one YAML document is allowed"}));
    // An explicit start of the only document is fine.
    EXPECT_EQ(read("---\nversion: 1\n...\n").version, 1);
}

// yaml-cpp 0.7 returns the same document forever for a stray ',' where a node belongs (its
// issue #1040), allocating each time; the fuzz target found it. The reader stops and says so.
TEST(ManifestParserTest, StrayCommaIsAnErrorNotAHang) {
    EXPECT_EQ(refused(","), (Strings{"m.yaml:1:1: invalid YAML: unexpected ','"}));
    EXPECT_EQ(refused(", version: 1\n"), (Strings{"m.yaml:1:1: invalid YAML: unexpected ','"}));
    EXPECT_EQ(refused("version: 1\n---\n,\n"),
              (Strings{"m.yaml:2:1: only one YAML document is allowed"}));
}

TEST(ManifestParserTest, OversizedInputIsRefusedBeforeParsing) {
    std::string big = "version: 1\n# " + std::string(max_manifest_bytes, 'x') + "\n";
    EXPECT_EQ(refused(big), (Strings{"m.yaml: manifest too large (" + std::to_string(big.size()) +
                                     " bytes; the limit is 4194304)"}));
    // The limit itself is fine.
    std::string limit = "version: 1\n#";
    limit += std::string(max_manifest_bytes - limit.size(), 'x');
    ASSERT_EQ(limit.size(), max_manifest_bytes);
    EXPECT_EQ(read(limit).version, 1);
}

TEST(ManifestParserTest, ANulByteIsRefused) {
    using namespace std::string_literals;
    EXPECT_EQ(refused("version: 1\n# \0\n"s), (Strings{"m.yaml: manifest contains a NUL byte"}));
}

TEST(ManifestParserTest, InvalidYamlIsLocated) {
    EXPECT_EQ(refused("version: 1\ninstances: [\n"),
              (Strings{"m.yaml:3:1: invalid YAML: end of sequence flow not found"}));
    EXPECT_EQ(refused("version: 1\n  bad indent: x\n"),
              (Strings{"m.yaml:2:13: invalid YAML: illegal map value"}));
    EXPECT_EQ(refused("version: 1\n\tinstances: []\n"),
              (Strings{"m.yaml:2:1: a tab in indentation: YAML indents with spaces only"}));
}

TEST(ManifestParserTest, ATabInIndentationSaysSoWhereItIs) {
    // yaml-cpp reports these elsewhere, in words that do not mention the tab (#14).
    EXPECT_EQ(refused("version: 1\ninstances:\n  - name: postfix-a\n  \tenable: true\n"),
              (Strings{"m.yaml:4:3: a tab in indentation: YAML indents with spaces only"}));
    EXPECT_EQ(refused("version: 1\ninstances:\n\t- name: postfix-a\n"),
              (Strings{"m.yaml:3:1: a tab in indentation: YAML indents with spaces only"}));
    // A tab inside a value is no indentation.
    EXPECT_EQ(
        read("version: 1\nprimary:\n  parameters:\n    a: \"x\\ty\"\n").primary_parameters.size(),
        1u);
}

TEST(ManifestParserTest, AQuotedBooleanIsAString) {
    // As the JSON Schema sees it (#14): "yes" in quotes is refused as ON is.
    for (const char* key : {"enable", "protect"}) {
        for (const char* word : {"\"yes\"", "'true'", "\"no\""}) {
            const std::string text = "version: 1\ninstances:\n  - name: postfix-a\n    " +
                                     std::string(key) + ": " + word + "\n";
            const std::string bare = std::string(word).substr(1, std::string(word).size() - 2);
            EXPECT_EQ(refused(text),
                      (Strings{"m.yaml:4:" + std::to_string(std::string(key).size() + 7) + ": '" +
                               key + "' must be true or false, not the string \"" + bare +
                               "\" (remove the quotes)"}))
                << text;
        }
    }
    EXPECT_EQ(refused("version: 1\ninstances:\n  - name: postfix-a\n    enable: ON\n"),
              (Strings{"m.yaml:4:13: 'enable' must be true or false, not 'ON'"}));
    EXPECT_EQ(
        read("version: 1\ninstances:\n  - name: postfix-a\n    enable: yes\n").instances[0].enable,
        true);
}

TEST(ManifestParserTest, AnEmptyValueIsLocatedAtItsKey) {
    // yaml-cpp places an empty value where the next token starts, a line further down.
    EXPECT_EQ(refused("version: 1\ninstances:\n  - name: postfix-a\n    enable:\n    state:\n\n\n"),
              (Strings{"m.yaml:4:5: 'enable' must be true or false, not 'null'",
                       "m.yaml:5:5: 'state' must be present or absent, not 'null'"}));
    EXPECT_EQ(refused("version: 1\nunmanaged:\ninstances: []\n"),
              (Strings{"m.yaml:2:1: 'unmanaged' must be keep, deport or destroy, not 'null'"}));
    // An explicit null is where it is written.
    EXPECT_EQ(refused("version: 1\nunmanaged: null\n"),
              (Strings{"m.yaml:2:12: 'unmanaged' must be keep, deport or destroy, not 'null'"}));
}

TEST(ManifestParserTest, ProblemsAreAddedToThoseAlreadyThere) {
    Diagnostics problems{make_warning("other", 1, 1, "earlier")};
    EXPECT_FALSE(parse_manifest("version: 2\n", "m.yaml", problems));
    ASSERT_EQ(problems.size(), 2u);
    EXPECT_EQ(problems[0].message, "earlier");
    // And a warning already there does not fail a good manifest.
    Diagnostics only_warning{make_warning("other", 1, 1, "earlier")};
    EXPECT_TRUE(parse_manifest("version: 1\n", "m.yaml", only_warning));
}

}  // namespace
}  // namespace pmr::manifest

namespace pmr::manifest {
namespace {

// --- parse_and_validate --------------------------------------------------------------------------

Strings all_problems(std::string_view text, std::optional<Manifest>* manifest = nullptr) {
    Diagnostics problems;
    auto m = parse_and_validate(text, "m.yaml", {}, problems);
    if (manifest != nullptr)
        *manifest = std::move(m);
    Strings out;
    for (const Diagnostic& d : problems)
        out.push_back(d.to_string());
    return out;
}

TEST(ParseAndValidateTest, ProblemsOfStructureAndOfMeaningTogetherInLineOrder) {
    std::optional<Manifest> m;
    EXPECT_EQ(all_problems("version: 1\n"
                           "unmanaged: sometimes\n"
                           "instances:\n"
                           "  - name: out\n"
                           "    enable: maybe\n"
                           "  - name: postfix-b\n"
                           "    queue_directory: relative\n",
                           &m),
              (Strings{"m.yaml:2:12: 'unmanaged' must be keep, deport or destroy, not 'sometimes'",
                       "m.yaml:4:11: instance name 'out' must start with 'postfix-'",
                       "m.yaml:5:13: 'enable' must be true or false, not 'maybe'",
                       "m.yaml:7:22: postfix-b: queue_directory 'relative' must be an absolute "
                       "path"}));
    EXPECT_FALSE(m);
}

TEST(ParseAndValidateTest, AGoodManifestIsReturned) {
    std::optional<Manifest> m;
    EXPECT_EQ(all_problems("version: 1\ninstances:\n  - name: postfix-a\n", &m), Strings{});
    ASSERT_TRUE(m);
    EXPECT_EQ(m->instances.size(), 1u);
}

TEST(ParseAndValidateTest, WhatCannotBeParsedAtAllIsOnlyThat) {
    EXPECT_EQ(all_problems("version: 1\ninstances: [\n"),
              (Strings{"m.yaml:3:1: invalid YAML: end of sequence flow not found"}));
    EXPECT_EQ(all_problems("version: 1\n---\nversion: 1\n"),
              (Strings{"m.yaml:2:1: only one YAML document is allowed"}));
}

}  // namespace
}  // namespace pmr::manifest
