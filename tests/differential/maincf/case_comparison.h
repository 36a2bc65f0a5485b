#pragma once

#include <string>
#include <vector>

#include "core/maincf/editor.h"

namespace pmr::maincf::differential {

/// Edits postconf applies in one run: all of one kind (-e, -X or -#), as on its command line.
struct EditBatch {
    EditKind kind = EditKind::set;
    std::vector<Edit> edits;
};

/// What the comparisons covered, summed over cases.
struct Statistics {
    int documents = 0;
    int refused_documents = 0;        ///< postconf -n failed, and pmreconcile reported an error
    int settings_compared = 0;        ///< lines of postconf -n
    int expansions_compared = 0;      ///< values of postconf -xh
    int failed_expansions = 0;        ///< postconf -xh failed, and pmreconcile reported an error
    int edits_compared = 0;           ///< postconf -e/-X/-# runs
    int appended_in_other_order = 0;  ///< improvement 1: Postfix 3.7 appended in hash order
    int final_newline_added = 0;      ///< improvement 2: Postfix 3.7 glued two lines together

    Statistics& operator+=(const Statistics& other);
    [[nodiscard]] std::string summary() const;
};

/// Writes `text` as main.cf into a fresh directory, asks the installed postconf for -n, -xh
/// (every parameter it shows, in one run) and each edit batch (each in a copy of its own), and
/// compares with pmreconcile's engine. All postconf runs of the case run at the same time.
/// Returns every difference found, each naming the kept directory; empty when all agree.
/// `failure_probes` caps how many parameters that should fail to expand are checked one by one.
[[nodiscard]] std::vector<std::string> compare_with_postconf(const std::string& text,
                                                             const std::vector<EditBatch>& batches,
                                                             Statistics& statistics,
                                                             int failure_probes = 1);

}  // namespace pmr::maincf::differential
