#pragma once

#include <rapidcheck.h>

#include <string>
#include <vector>

#include "case_comparison.h"

namespace pmr::maincf::differential {

/// One generated case: a main.cf and the edits to apply to it.
struct GeneratedCase {
    std::string text;
    std::vector<EditBatch> batches;
};

/// Random main.cf documents: names from a small pool (so duplicates and references happen), values
/// with every form of `$` expression, continuation lines with comments and blank lines between
/// them, empty values, a first line indented now and then, CRLF sometimes, a missing final
/// newline sometimes, and now and then a line postconf refuses or a value it cannot expand.
[[nodiscard]] rc::Gen<std::string> main_cf_document();

/// One postconf run's worth of edits on names of the same pool (plus some that are never
/// defined): set with values of the same kind, or remove / comment out distinct names.
[[nodiscard]] rc::Gen<EditBatch> edit_batch();

/// A document and one edit batch (each batch costs a postconf run).
[[nodiscard]] rc::Gen<GeneratedCase> generated_case();

}  // namespace pmr::maincf::differential

namespace rc {
template <>
struct Arbitrary<pmr::maincf::differential::GeneratedCase> {
    static Gen<pmr::maincf::differential::GeneratedCase> arbitrary() {
        return pmr::maincf::differential::generated_case();
    }
};
}  // namespace rc

namespace pmr::maincf::differential {
/// For rapidcheck's report of a failing case.
void showValue(const GeneratedCase& value, std::ostream& os);
}  // namespace pmr::maincf::differential
