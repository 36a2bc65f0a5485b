#pragma once

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <cstdlib>
#include <iostream>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace pmr::test_support {

/// How many generated cases to compare: the positive number in the environment variable
/// `variable`, else `fallback`.
inline int case_count(const char* variable, int fallback) {
    if (const char* env = std::getenv(variable)) {
        const int n = std::atoi(env);
        if (n > 0)
            return n;
    }
    return fallback;
}

/// Runs a property for `cases` successful cases (RC_PARAMS can still set seed and the rest);
/// fails the test with rapidcheck's report (the smallest failing case) otherwise.
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

/// Compares `cases` generated cases (rapidcheck's Arbitrary<Case>) with postconf through
/// `compare(c, statistics)`, which returns the differences of one case (empty when all agree)
/// and adds what it compared to `statistics`. Fails the test with the smallest failing case's
/// differences; prints the summed statistics, records their `documents` as the test's
/// `generated_documents` property and, unless RC_PARAMS reproduces one case, expects that every
/// case was compared.
template <typename Case, typename Statistics, typename Compare>
void compare_generated_cases(const std::string& id, int cases, Compare compare) {
    Statistics total;
    check_property(
        id,
        [&total, &compare](const Case& c) {
            Statistics statistics;
            const std::vector<std::string> differences = compare(c, statistics);
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
    ::testing::Test::RecordProperty("generated_documents", total.documents);
    const char* rc_params = std::getenv("RC_PARAMS");
    if (rc_params == nullptr || std::string(rc_params).find("reproduce") == std::string::npos) {
        EXPECT_GE(total.documents, cases);
    }
}

}  // namespace pmr::test_support
