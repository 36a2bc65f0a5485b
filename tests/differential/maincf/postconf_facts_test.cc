// Facts about Postfix that pmreconcile's engine hard-codes, checked against the installed postconf.
#include "core/maincf/parameter_defaults.h"
#include "postconf_model.h"
#include "postconf_process.h"
#include "postconf_test.h"
#include "scratch_directory.h"

namespace pmr::maincf::differential {
namespace {

using PostconfFactsTest = test_support::PostconfTest;
using test_support::ProcessOutcome;
using test_support::run_process;
using test_support::ScratchDirectory;

TEST_F(PostconfFactsTest, RawParametersAreExactlyThoseThatPostconfXLeavesUnexpanded) {
    // Set every parameter postconf knows to a value with a reference: postconf -x expands all of
    // them but the raw ones.
    const PostconfKnowledge& knowledge = PostconfKnowledge::get();
    ScratchDirectory dir("pmr-maincf-diff");
    std::string text = "pmr_marker = expanded\n";
    std::vector<std::string> argv{postconf_path, "-c", dir.path(), "-x"};
    for (const std::string& name : knowledge.builtin_names) {
        if (name == "config_directory" || is_read_only_parameter(name))
            continue;
        text += name + " = $pmr_marker\n";
        argv.push_back(name);
    }
    dir.write_file("main.cf", text);
    dir.write_file("master.cf", "");
    const ProcessOutcome x = run_process(argv);
    ASSERT_TRUE(x.succeeded()) << x.describe();
    std::vector<std::string> unexpanded;
    for (const std::string& line : lines_of(x.out)) {
        if (line.ends_with(" = $pmr_marker"))
            unexpanded.push_back(line.substr(0, line.find(' ')));
    }
    std::vector<std::string> ours;
    for (const std::string& name : knowledge.builtin_names) {
        if (is_raw_parameter(name))
            ours.push_back(name);
    }
    EXPECT_EQ(ours, unexpanded);
    EXPECT_EQ(ours.size(), 9u);
}

TEST_F(PostconfFactsTest, ReadOnlyAndLegacyParameters) {
    ScratchDirectory dir("pmr-maincf-diff");
    dir.write_file("main.cf",
                   "process_name = mine\nservice_name = mine\nvirtual_maps = legacy\n"
                   "relayhost = [$process_name]\n");
    dir.write_file("master.cf", "");
    const ProcessOutcome n = run_process({postconf_path, "-c", dir.path(), "-n"});
    ASSERT_TRUE(n.succeeded()) << n.describe();
    EXPECT_EQ(n.out, "config_directory = " + dir.path() +
                         "\nrelayhost = [$process_name]\nvirtual_maps = legacy\n");
    const ProcessOutcome x = run_process({postconf_path, "-c", dir.path(), "-xh", "relayhost"});
    EXPECT_EQ(x.out, "[postconf]\n");
    EXPECT_TRUE(is_read_only_parameter("process_name"));
    EXPECT_TRUE(is_read_only_parameter("service_name"));
    EXPECT_TRUE(is_legacy_parameter("virtual_maps"));
}

}  // namespace
}  // namespace pmr::maincf::differential
