#include "core/manifest/yaml_split.h"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/manifest/yaml_tree.h"

namespace pmr::manifest {
namespace {

std::string entries(int count, std::string_view indent = "  ") {
    std::string text;
    for (int i = 1; i <= count; ++i) {
        text += std::string(indent) + "- name: \"postfix-" + std::to_string(i) + "\"\n";
        text += std::string(indent) + "  services:\n";
        text += std::string(indent) + "    \"pickup/unix\": {wakeup: 30, options: {a: \"\"}}\n";
    }
    return text;
}

std::optional<YamlNode> whole_tree(std::string_view text) {
    Diagnostics problems;
    return parse_yaml_tree(text, "m.yaml", problems);
}

TEST(YamlSplitTest, CutsTheInstanceListAtEntriesAndKeepsLineNumbers) {
    const std::string text = "version: 1\ninstances:\n" + entries(6) + "primary:\n  enable: true\n";
    const auto split = split_instance_list(text, 3);
    ASSERT_TRUE(split);
    ASSERT_EQ(split->parts.size(), 3U);
    EXPECT_EQ(split->key_line, 2);
    // The head: every line kept, those of the first two sections empty; the last section
    // (entries 5 and 6, from line 15) and what follows the list stay.
    const YamlPart& head = split->parts[0];
    EXPECT_EQ(head.first_line, 1);
    EXPECT_EQ(std::ranges::count(head.text, '\n'), std::ranges::count(text, '\n'));
    EXPECT_TRUE(head.text.starts_with("version: 1\ninstances:\n\n\n\n"));
    EXPECT_NE(head.text.find("\n\n  - name: \"postfix-5\"\n"), std::string::npos);
    EXPECT_TRUE(head.text.ends_with("{a: \"\"}}\nprimary:\n  enable: true\n"));
    // The other sections: entries 1-2 from line 3, 3-4 from line 9, each followed by a stand-in
    // entry on the line where the next section starts.
    EXPECT_EQ(split->parts[1].first_line, 3);
    EXPECT_TRUE(split->parts[1].text.starts_with("  - name: \"postfix-1\"\n"));
    EXPECT_TRUE(split->parts[1].text.ends_with("{a: \"\"}}\n  - ~\n"));
    EXPECT_EQ(std::ranges::count(split->parts[1].text, '\n'), 7);
    EXPECT_EQ(split->parts[2].first_line, 9);
    EXPECT_TRUE(split->parts[2].text.starts_with("  - name: \"postfix-3\"\n"));

    const auto parts = parse_yaml_parts(*split, "m.yaml", SequentialRunner{});
    ASSERT_TRUE(parts);
    EXPECT_EQ(*parts, *whole_tree(text));
    EXPECT_EQ(parts->find("instances")->items.size(), 6U);
}

TEST(YamlSplitTest, ListsIndentedLikeTheirKeyAreCutToo) {
    const std::string text = "instances:\n" + entries(4, "") + "unmanaged: keep\n";
    const auto split = split_instance_list(text, 2);
    ASSERT_TRUE(split);
    const auto parts = parse_yaml_parts(*split, "m.yaml", SequentialRunner{});
    ASSERT_TRUE(parts);
    EXPECT_EQ(*parts, *whole_tree(text));
}

TEST(YamlSplitTest, TextsItCannotCutSafelyAreLeftWhole) {
    const std::string list = entries(4);
    const std::vector<std::string> texts = {
        "version: 1\n" + list,                           // no instances key
        "instances: []\n",                               // not a block list
        "instances:  # the list\n  name: x\n",           // a mapping
        "instances:\n  - name: a\n",                     // one entry: no cut
        "instances:\n" + list + "  text: |\n    - x\n",  // a block scalar
        "a: \"multi\n  line\"\ninstances:\n" + list,     // a quote over a line break
        "instances:\n" + list + " odd: 1\n",             // under the list, not top level
        "instances:\n" + list + "---\nb: 2\n",           // a second document
        "instances:\n" + list + "\tb: 2\n",              // a tab
        "instances:\r\n" + list,                         // carriage returns
        "instances:\n  - {a: b,\n     c: d}\n" + list,   // a flow over a line break
        "instances:\n  - name: a\n    plain\n" + list,   // a plain scalar's next line
    };
    for (const std::string& text : texts)
        EXPECT_FALSE(split_instance_list(text, 2)) << text;
    EXPECT_FALSE(split_instance_list("instances:\n" + list, 1));
}

TEST(YamlSplitTest, APartWithAProblemGivesNoTree) {
    // A stray key inside an entry makes yaml-cpp fail on that part: the whole text is then
    // parsed to say what and where.
    const std::string text = "instances:\n" + entries(3) + "  - name: x\n   bad: indentation\n";
    const auto split = split_instance_list(text, 2);
    ASSERT_TRUE(split);
    EXPECT_FALSE(parse_yaml_parts(*split, "m.yaml", SequentialRunner{}));
    EXPECT_FALSE(whole_tree(text));
}

// ---- property: a text parsed in parts is the text parsed whole ----

/// Lines an entry's body may hold, tricky ones included: quotes, flow collections, comments,
/// plain scalars that go on over lines, block scalars, bad indentation.
rc::Gen<std::string> body_line() {
    return rc::gen::element<std::string>(
        "name: \"postfix-x\"", "group: 'it''s'", "enable: true",
        "parameters:", "  myhostname: a.example.com", "  relayhost: \"[127.0.0.1]:10025\"",
        "services: {\"smtp/inet\": {state: absent}}", "# a comment: 'quote", "",
        "  plain scalar that", "   goes on", "text: |", "  literal - text", "list: [a, {b: c}]",
        "key: \"open", "  close\"", "odd: {a: b,", "  c: d}", "- nested", "  - deeper",
        "url: http://x/#y", "k: v # c", "bad: : x", "&a x: 1", "a: b", "- a: b", "- - c",
        "k: [x, y]", "k: {a: b}", "\"q k\": v", "k:", "- k:", "- \"s\"", "- [a]", "- {a: b}",
        "k: 'x' # c", "-", "- ", "k: - x", "k: a: b", "{a: b}: c", "- k: v", "   k2: v2");
}

rc::Gen<std::string> manifest_text() {
    return rc::gen::exec([] {
        const std::string indent(*rc::gen::element<std::size_t>(0, 2, 4), ' ');
        std::string text = *rc::gen::element<std::string>("", "version: 1\n", "# head\n");
        text += *rc::gen::element<std::string>("instances:\n", "instances: # list\n");
        const int count = *rc::gen::inRange(1, 12);
        for (int i = 0; i < count; ++i) {
            text += indent + *rc::gen::element<std::string>("- name: n", "-", "- x", "- ") + "\n";
            const int lines = *rc::gen::inRange(0, 4);
            for (int j = 0; j < lines; ++j) {
                const int extra = *rc::gen::inRange(1, 7);
                text += indent + std::string(static_cast<std::size_t>(extra), ' ') + *body_line() +
                        "\n";
            }
            if (*rc::gen::inRange(0, 8) == 0)
                text += *rc::gen::element<std::string>("\n", "# between\n", " # off\n");
        }
        text += *rc::gen::element<std::string>("", "primary:\n  enable: true\n", "- stray\n",
                                               "unmanaged: keep\n");
        return text;
    });
}

RC_GTEST_PROP(YamlSplitProperty, PartsMakeTheTreeOfTheWholeText, ()) {
    const std::string text = *manifest_text();
    const std::size_t parts = *rc::gen::inRange<std::size_t>(2, 6);
    const auto split = split_instance_list(text, parts);
    RC_PRE(split.has_value());
    RC_ASSERT(split->parts.size() <= parts);
    const auto in_parts = parse_yaml_parts(*split, "m.yaml", SequentialRunner{});
    const auto whole = whole_tree(text);
    RC_CLASSIFY(in_parts.has_value(), "parsed in parts");
    RC_CLASSIFY(whole.has_value(), "parsed whole");
    // Parts may give up where the whole text parses (then it is parsed whole), never the reverse.
    if (in_parts) {
        RC_ASSERT(whole.has_value());
        RC_ASSERT(*in_parts == *whole);
    }
}

}  // namespace
}  // namespace pmr::manifest
