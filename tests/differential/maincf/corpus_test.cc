// Real main.cf files (Debian's, read-only: copied into a scratch directory) and crafted edge cases
// (corpus/), compared with the installed postconf.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include "case_comparison.h"
#include "core/maincf/main_cf.h"
#include "postconf_test.h"
#include "scratch_directory.h"

namespace pmr::maincf::differential {
namespace {

/// Debian's own main.cf files; the host's /etc/postfix/main.cf is only ever read.
const std::vector<std::string> system_files = {
    "/usr/share/postfix/main.cf.dist",
    "/usr/share/postfix/main.cf.debian",
    "/usr/share/postfix/main.cf.tls",
    "/etc/postfix/main.cf.proto",
    "/etc/postfix/main.cf",
};

std::vector<std::string> corpus_files() {
    std::vector<std::string> files = system_files;
    std::vector<std::string> crafted;
    for (const auto& entry : std::filesystem::directory_iterator(PMR_MAINCF_CORPUS_DIR)) {
        if (entry.path().extension() == ".cf")
            crafted.push_back(entry.path().string());
    }
    std::ranges::sort(crafted);
    files.insert(files.end(), crafted.begin(), crafted.end());
    return files;
}

/// Edits that exercise every rule on the names a document defines.
std::vector<EditBatch> edits_for(const std::string& text) {
    const MainCf main_cf = MainCf::parse(text, "main.cf");
    std::vector<std::string> names;
    for (const Definition& d : main_cf.definitions()) {
        if (std::ranges::find(names, d.name) == names.end())
            names.emplace_back(d.name);
    }
    std::vector<EditBatch> batches;

    EditBatch add{EditKind::set, {}};
    if (!names.empty())
        add.edits.push_back({EditKind::set, names.front(), "first request"});
    add.edits.push_back({EditKind::set, "pmr_corpus_zulu", " $myhostname  "});
    add.edits.push_back({EditKind::set, "pmr_corpus_alpha", "1"});
    if (!names.empty())
        add.edits.push_back({EditKind::set, names.front(), "changed by pmreconcile"});
    batches.push_back(add);

    EditBatch set_all{EditKind::set, {}};
    for (const std::string& n : names)
        set_all.edits.push_back({EditKind::set, n, "all " + n});
    if (!set_all.edits.empty())
        batches.push_back(set_all);

    EditBatch remove{EditKind::remove, {}};
    for (std::size_t i = 0; i < names.size() && i < 3; ++i) {
        remove.edits.push_back({EditKind::remove, names[names.size() - 1 - i], ""});
    }
    remove.edits.push_back({EditKind::remove, "pmr_never_defined", ""});
    batches.push_back(remove);

    EditBatch comment{EditKind::comment_out, {}};
    for (const std::string& n : names)
        comment.edits.push_back({EditKind::comment_out, n, ""});
    comment.edits.push_back({EditKind::comment_out, "pmr_never_defined", ""});
    batches.push_back(comment);
    return batches;
}

class CorpusDifferentialTest : public test_support::PostconfTest,
                               public ::testing::WithParamInterface<std::string> {};

TEST_P(CorpusDifferentialTest, AgreesWithPostconf) {
    const std::string& path = GetParam();
    if (!std::filesystem::exists(path)) {
        GTEST_SKIP() << path << " does not exist on this host";
    }
    const std::string text = test_support::read_file(path);
    Statistics statistics;
    const std::vector<std::string> differences =
        compare_with_postconf(text, edits_for(text), statistics, /*failure_probes=*/1000);
    for (const std::string& d : differences)
        ADD_FAILURE() << path << ": " << d;
    std::cout << path << ": " << statistics.summary() << std::endl;
    EXPECT_EQ(statistics.documents, 1);
}

std::string test_name(const ::testing::TestParamInfo<std::string>& info) {
    std::string name = info.param;
    const bool system = name.starts_with("/etc/") || name.starts_with("/usr/");
    if (!system)
        name = std::filesystem::path(name).filename().string();
    std::string out = system ? "system_" : "crafted_";
    for (char c : name) {
        out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    }
    return out;
}

INSTANTIATE_TEST_SUITE_P(Corpus, CorpusDifferentialTest, ::testing::ValuesIn(corpus_files()),
                         test_name);

}  // namespace
}  // namespace pmr::maincf::differential
