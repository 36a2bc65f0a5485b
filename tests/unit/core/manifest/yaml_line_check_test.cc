#include "core/manifest/yaml_line_check.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace pmr::manifest {
namespace {

TEST(YamlLineCheckTest, LinesWhoseTokensEndWithThemAreSelfContained) {
    const std::vector<std::string> lines = {
        "",
        "   ",
        "# a comment with 'quotes' and \"more\" and [brackets",
        "version: 1",
        "instances:",
        "  - name: \"postfix-s0001\"",
        "  -",
        "  - - nested",
        "    group: 'it''s'",
        "    myhostname: \"a \\\" quote\"   # and a comment",
        "      \"127.0.0.1:10026/inet\": {private: n, command: smtpd, options: {a: \"\"}}",
        "    list: [a, b, [c, d], {e: f}]",
        "    url: http://example.com/path#fragment",
        "    plain: a[b] c{d} e,f",
        "    {a: b}: c",
        "    [a, b]: c",
        "    json: {\"a\":\"b\"}",
        "    key:",
        "    empty: []",
        "    text: 100% sure",
    };
    for (const std::string& line : lines)
        EXPECT_TRUE(is_self_contained_line(line)) << line;
}

TEST(YamlLineCheckTest, LinesThatMayGoOnOrThatItCannotReadAreNot) {
    const std::vector<std::string> lines = {
        "    a: \"open quote",
        "    a: 'open quote",
        "    a: 'it''s open",
        "    a: \"escaped line break \\",
        "    a: {open: flow",
        "    a: [open, flow",
        "    a: }",
        "    text: |",
        "    text: >-",
        "    - |2",
        "    a: &anchor b",
        "    a: *alias",
        "    a: !tag b",
        "    ? complex key",
        "    %directive",
        "    a: it's a plain scalar with a quote",
        "    a: say \"hi\"",
        "    a: {b:c}",
        "    \"a\"#not a comment",
        "    \"a\" junk",
        "    a:\tb",
        "\ta: b",
        "    a: b\r",
        "    @reserved",
        "    `reserved",
        "    , a",
        "    : a",
        "    [- a]",
        "       plain scalar that goes on",
        "    \"a quoted scalar alone\"",
        "    [a, flow, sequence, alone]",
        "    key # a key without its colon",
    };
    for (const std::string& line : lines)
        EXPECT_FALSE(is_self_contained_line(line)) << line;
}

}  // namespace
}  // namespace pmr::manifest
