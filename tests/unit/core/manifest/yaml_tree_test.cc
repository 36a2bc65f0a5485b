#include "core/manifest/yaml_tree.h"

#include <gtest/gtest.h>

namespace pmr::manifest {
namespace {

using Strings = std::vector<std::string>;

YamlNode tree_of(std::string_view text) {
    Diagnostics problems;
    std::optional<YamlNode> root = parse_yaml_tree(text, "t.yaml", problems);
    EXPECT_TRUE(problems.empty()) << problems.front().to_string();
    EXPECT_TRUE(root) << text;
    return root ? std::move(*root) : YamlNode{};
}

Strings problems_of(std::string_view text) {
    Diagnostics problems;
    EXPECT_FALSE(parse_yaml_tree(text, "t.yaml", problems)) << text;
    Strings lines;
    for (const Diagnostic& d : problems)
        lines.push_back(d.to_string());
    return lines;
}

TEST(YamlTreeTest, MappingsSequencesAndScalarsWithTheirPositions) {
    const YamlNode root = tree_of("a: 1\nb:\n  - x\n  - {c: d}\n");
    ASSERT_TRUE(root.is_mapping());
    ASSERT_EQ(root.entries.size(), 2U);
    EXPECT_EQ(root.entries[0].key.scalar, "a");
    EXPECT_EQ(root.entries[0].value.scalar, "1");
    EXPECT_EQ(root.entries[0].value.position, (Position{1, 4}));
    const YamlNode* b = root.find("b");
    ASSERT_TRUE(b && b->is_sequence());
    ASSERT_EQ(b->items.size(), 2U);
    EXPECT_EQ(b->items[0].scalar, "x");
    EXPECT_EQ(b->items[0].position, (Position{3, 5}));
    ASSERT_TRUE(b->items[1].is_mapping());
    EXPECT_EQ(b->items[1].position, (Position{4, 5}));
    ASSERT_NE(b->items[1].find("c"), nullptr);
    EXPECT_EQ(b->items[1].find("c")->scalar, "d");
    EXPECT_EQ(root.find("missing"), nullptr);
}

TEST(YamlTreeTest, RepeatedKeysAreKeptInOrderAndFindTakesTheFirst) {
    const YamlNode root = tree_of("k: first\nother: 0\nk: second\n");
    ASSERT_EQ(root.entries.size(), 3U);
    EXPECT_EQ(root.entries[2].key.scalar, "k");
    EXPECT_EQ(root.entries[2].key.position, (Position{3, 1}));
    EXPECT_EQ(root.find("k")->scalar, "first");
}

TEST(YamlTreeTest, NullsWhereverYamlWritesThem) {
    const YamlNode root = tree_of("a:\nb: ~\nc: null\nd: 'null'\ne: ''\n");
    EXPECT_TRUE(root.find("a")->is_null());
    EXPECT_TRUE(root.find("b")->is_null());
    EXPECT_TRUE(root.find("c")->is_null());
    ASSERT_TRUE(root.find("d")->is_scalar());
    EXPECT_EQ(root.find("d")->scalar, "null");
    ASSERT_TRUE(root.find("e")->is_scalar());
    EXPECT_EQ(root.find("e")->scalar, "");
}

TEST(YamlTreeTest, AnEmptyValueIsPlacedAtItsKeyNotOnTheNextLine) {
    const YamlNode root = tree_of("first:\nsecond: 2\n");
    EXPECT_EQ(root.find("first")->position, (Position{1, 1}));
    // On its key's line an empty value keeps the parser's own position.
    const YamlNode flow = tree_of("{a: , b: 1}\n");
    EXPECT_TRUE(flow.find("a")->is_null());
    EXPECT_EQ(flow.find("a")->position.line, 1);
}

TEST(YamlTreeTest, NoDocumentIsANullRoot) {
    EXPECT_TRUE(tree_of("").is_null());
    EXPECT_TRUE(tree_of("# only a comment\n").is_null());
}

TEST(YamlTreeTest, AnchorsAliasesAndASecondDocumentAreRefusedAllAtOnce) {
    EXPECT_EQ(problems_of("a: &x 1\nb: *x\n---\nc: 2\n"),
              (Strings{"t.yaml:1:4: YAML anchors are not allowed in a manifest",
                       "t.yaml:2:4: YAML aliases are not allowed in a manifest",
                       "t.yaml:3:1: only one YAML document is allowed"}));
}

TEST(YamlTreeTest, MalformedYamlIsOneProblemAtItsPlace) {
    const Strings problems = problems_of("a: [1, 2\n");
    ASSERT_EQ(problems.size(), 1U);
    EXPECT_EQ(problems[0].rfind("t.yaml:", 0), 0U) << problems[0];
    EXPECT_NE(problems[0].find("invalid YAML: "), std::string::npos) << problems[0];
}

}  // namespace
}  // namespace pmr::manifest
