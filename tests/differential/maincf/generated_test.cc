// rapidcheck-generated main.cf documents and edits, compared with the installed postconf.
#include <gtest/gtest.h>

#include "case_comparison.h"
#include "document_generator.h"
#include "generated_cases.h"
#include "postconf_test.h"

namespace pmr::maincf::differential {
namespace {

using GeneratedDifferentialTest = test_support::PostconfTest;

// PMR_MAINCF_DIFF_CASES cases, else 2000 (about a minute on two cores: each case costs three or
// four postconf runs, run side by side).
TEST_F(GeneratedDifferentialTest, DocumentsAndEditsAgreeWithPostconf) {
    test_support::compare_generated_cases<GeneratedCase, Statistics>(
        "GeneratedDifferentialTest/DocumentsAndEditsAgreeWithPostconf",
        test_support::case_count("PMR_MAINCF_DIFF_CASES", 2000),
        [](const GeneratedCase& c, Statistics& statistics) {
            return compare_with_postconf(c.text, c.batches, statistics);
        });
}

}  // namespace
}  // namespace pmr::maincf::differential
