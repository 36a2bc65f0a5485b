#pragma once

#include <rapidcheck.h>

#include <ostream>
#include <string>
#include <vector>

#include "case_comparison.h"

namespace pmr::mastercf::differential {

/// One generated case: a master.cf and the edit runs to apply to it.
struct GeneratedCase {
    std::string text;
    std::vector<EditBatch> batches;
};

/// Random master.cf documents: service names and types from a small pool (so duplicates happen),
/// every field form (`-`, y/n, wakeup with `?`, numbers), commands with options in every form
/// postconf normalises (`-o name=value`, `-oname=value`, `-o { name = value }`, `-vo`, `--`,
/// braced and unbalanced arguments), entries split over continuation lines with comments and
/// blank lines between, CRLF and a missing final newline sometimes, and now and then an entry
/// postconf refuses.
[[nodiscard]] rc::Gen<std::string> master_cf_document();

/// One postconf edit run on names of the same pool: -Me, -MX, -M#, -Fe, -Pe or -PX with one to
/// three requests, now and then a malformed one.
[[nodiscard]] rc::Gen<EditBatch> edit_batch();

/// A document and a sequence of one to three edit runs.
[[nodiscard]] rc::Gen<GeneratedCase> generated_case();

/// For rapidcheck's report of a failing case.
void showValue(const GeneratedCase& value, std::ostream& os);

}  // namespace pmr::mastercf::differential

namespace rc {
template <>
struct Arbitrary<pmr::mastercf::differential::GeneratedCase> {
    static Gen<pmr::mastercf::differential::GeneratedCase> arbitrary() {
        return pmr::mastercf::differential::generated_case();
    }
};
}  // namespace rc
