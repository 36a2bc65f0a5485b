// rapidcheck-generated main.cf documents and edits, compared with the installed postconf.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <cstdlib>
#include <iostream>
#include <sstream>

#include "case_comparison.h"
#include "document_generator.h"
#include "postconf_fixture.h"

namespace pmr::maincf::differential {
namespace {

/// How many generated cases to compare: PMR_MAINCF_DIFF_CASES, else 2000 (about a minute on
/// two cores: each case costs three or four postconf runs, run side by side).
int case_count() {
    if (const char* env = std::getenv("PMR_MAINCF_DIFF_CASES")) {
        const int n = std::atoi(env);
        if (n > 0)
            return n;
    }
    return 2000;
}

/// Runs a property for `cases` successful cases (RC_PARAMS can still set seed and the rest).
template <typename Testable>
void check_property(const std::string& id, Testable&& testable, int cases) {
    rc::detail::TestParams params = rc::detail::configuration().testParams;
    params.maxSuccess = cases;
    rc::detail::TestMetadata metadata;
    metadata.id = id;
    metadata.description = id;
    const auto result =
        rc::detail::checkTestable(std::forward<Testable>(testable), metadata, params);
    if (!result.template is<rc::detail::SuccessResult>()) {
        std::ostringstream message;
        rc::detail::printResultMessage(result, message);
        FAIL() << message.str();
    }
}

using GeneratedDifferentialTest = PostconfTest;

TEST_F(GeneratedDifferentialTest, DocumentsAndEditsAgreeWithPostconf) {
    Statistics total;
    const int cases = case_count();
    check_property(
        "GeneratedDifferentialTest/DocumentsAndEditsAgreeWithPostconf",
        [&total](const GeneratedCase& c) {
            Statistics statistics;
            const std::vector<std::string> differences =
                compare_with_postconf(c.text, c.batches, statistics);
            total += statistics;
            if (!differences.empty()) {
                std::string report;
                for (const std::string& d : differences)
                    report += d + "\n";
                RC_FAIL(report);
            }
        },
        cases);
    std::cout << "generated cases: " << total.summary() << std::endl;
    RecordProperty("generated_documents", total.documents);
    const char* rc_params = std::getenv("RC_PARAMS");
    if (rc_params == nullptr || std::string(rc_params).find("reproduce") == std::string::npos) {
        EXPECT_GE(total.documents, cases);
    }
}

}  // namespace
}  // namespace pmr::maincf::differential
