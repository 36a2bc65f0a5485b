// rapidcheck-generated master.cf documents and edit runs, compared with the installed postconf.
#include <gtest/gtest.h>

#include "case_comparison.h"
#include "document_generator.h"
#include "generated_cases.h"
#include "postconf_test.h"

namespace pmr::mastercf::differential {
namespace {

using MasterCfGeneratedDifferentialTest = test_support::PostconfTest;

// PMR_MASTERCF_DIFF_CASES cases, else 1000.
TEST_F(MasterCfGeneratedDifferentialTest, DocumentsAndEditsAgreeWithPostconf) {
    test_support::compare_generated_cases<GeneratedCase, Statistics>(
        "MasterCfGeneratedDifferentialTest/DocumentsAndEditsAgreeWithPostconf",
        test_support::case_count("PMR_MASTERCF_DIFF_CASES", 1000),
        [](const GeneratedCase& c, Statistics& statistics) {
            return compare_with_postconf(c.text, c.batches, statistics);
        });
}

}  // namespace
}  // namespace pmr::mastercf::differential
