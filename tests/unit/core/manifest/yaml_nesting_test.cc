#include "core/manifest/yaml_nesting.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>
#include <yaml-cpp/yaml.h>

#include "core/manifest/yaml_tree.h"

namespace pmr::manifest {
namespace {

using Strings = std::vector<std::string>;

Strings problems_of(std::string_view text) {
    Diagnostics problems;
    EXPECT_FALSE(parse_yaml_tree(text, "t.yaml", problems)) << text;
    Strings lines;
    for (const Diagnostic& d : problems)
        lines.push_back(d.to_string());
    return lines;
}

std::string repeated(std::string_view piece, int times) {
    std::string text;
    for (int i = 0; i < times; ++i)
        text += piece;
    return text;
}

TEST(YamlNestingTest, FlowNestingBeyondTheLimitIsRefusedBeforeYamlCppRuns) {
    // 4 MiB of `[` cost yaml-cpp about 1 GB before it gave up: refused at the 65th.
    EXPECT_EQ(
        problems_of(std::string(4 << 20, '[')),
        (Strings{"t.yaml:1:65: YAML nesting deeper than 64 levels is not allowed in a manifest"}));
    EXPECT_EQ(
        problems_of("a:\n  b: " + repeated("{a: ", 100)),
        (Strings{"t.yaml:2:262: YAML nesting deeper than 64 levels is not allowed in a manifest"}));
    EXPECT_EQ(
        problems_of(repeated("[{", 40)),
        (Strings{"t.yaml:1:65: YAML nesting deeper than 64 levels is not allowed in a manifest"}));
}

TEST(YamlNestingTest, BlockNestingBeyondTheLimitIsRefusedWhereItGoesTooDeep) {
    EXPECT_EQ(
        problems_of(repeated("- ", 2 << 20)),
        (Strings{"t.yaml:1:129: YAML nesting deeper than 64 levels is not allowed in a manifest"}));
    std::string indented;
    for (int i = 0; i < 100; ++i)
        indented += std::string(static_cast<std::size_t>(i), ' ') + "a:\n";
    EXPECT_EQ(
        problems_of(indented),
        (Strings{"t.yaml:65:65: YAML nesting deeper than 64 levels is not allowed in a manifest"}));
}

TEST(YamlNestingTest, SixtyFourLevelsAreAccepted) {
    Diagnostics problems;
    EXPECT_TRUE(parse_yaml_tree(repeated("[", 64) + repeated("]", 64), "t.yaml", problems));
    EXPECT_TRUE(parse_yaml_tree(repeated("- ", 64) + "x\n", "t.yaml", problems));
    EXPECT_TRUE(problems.empty());
}

TEST(YamlNestingTest, BracketsInCommentsQuotesAndPlainScalarsAreText) {
    const std::string brackets = repeated("[", 100);
    for (const std::string& text :
         {"a: 1 # " + brackets + "\n", "a: '" + brackets + "'\n", "a: \"" + brackets + "\"\n",
          "a: x" + brackets + "\n", "a: |\n  " + brackets + "\n", "a: [\"" + brackets + "\"]\n",
          "a: b\n  " + brackets + "\n", "a: [x, 'it''s " + brackets + "']\n",
          std::string("relayhost: [mail.example.com]:587\n")}) {
        EXPECT_EQ(find_too_deep_flow_nesting(text, 64), std::nullopt) << text;
    }
}

TEST(YamlNestingTest, WhatLooksLikeTextButIsAFlowCollectionIsCounted) {
    const std::string brackets = repeated("[", 65);
    for (const std::string& text :
         {"a: !!seq " + brackets, "--- " + brackets, "a: b # c\n" + brackets, "a: b\n" + brackets,
          "{\"k\":" + brackets, "- - " + brackets, "? " + brackets, "a: x 'y\n" + brackets,
          "a: [don't, 'x #', " + brackets}) {
        EXPECT_NE(find_too_deep_flow_nesting(text, 64), std::nullopt) << text;
    }
}

/// The deepest nesting of bracketed flow collections in a node yaml-cpp built from `text` (the
/// single-pair mapping of `[k: v]` has no bracket of its own).
int flow_depth(const YAML::Node& node, std::string_view text) {
    int deepest = 0;
    if (node.IsSequence()) {
        for (const YAML::Node& item : node)
            deepest = std::max(deepest, flow_depth(item, text));
    } else if (node.IsMap()) {
        for (const auto& entry : node) {
            deepest =
                std::max({deepest, flow_depth(entry.first, text), flow_depth(entry.second, text)});
        }
    } else {
        return 0;
    }
    const auto at = static_cast<std::size_t>(node.Mark().pos);
    const bool bracketed = at < text.size() && (text[at] == '[' || text[at] == '{');
    return deepest + (node.Style() == YAML::EmitterStyle::Flow && bracketed ? 1 : 0);
}

// The scan must never see less flow nesting than yaml-cpp builds: text of YAML's indicators,
// quotes and line breaks, parsed by yaml-cpp itself.
RC_GTEST_PROP(YamlNestingProperty, NeverCountsLessThanYamlCppNests, ()) {
    const auto pieces = *rc::gen::container<std::vector<std::string>>(rc::gen::element<std::string>(
        "[", "]", "{", "}", ",", ":", ": ", "- ", "? ", "#", " #", "'", "\"", "''", "\\\"", " ",
        "\n", "\n  ", "a", "b c", "!!seq ", "|\n", "---\n", "x: ", "k\"", "&a "));
    std::string text;
    for (const std::string& piece : pieces)
        text += piece;
    YAML::Node node;
    try {
        node = YAML::Load(text);
    } catch (const YAML::Exception&) {
        RC_DISCARD("not YAML");
    }
    const int depth = flow_depth(node, text);
    for (int limit = 0; limit < depth; ++limit) {
        if (!find_too_deep_flow_nesting(text, limit)) {
            RC_FAIL("yaml-cpp nests " + std::to_string(depth) +
                    " flow collections, the scan sees " + std::to_string(limit) +
                    " at most, in: " + ::testing::PrintToString(text));
        }
    }
}

}  // namespace
}  // namespace pmr::manifest
