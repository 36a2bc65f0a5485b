#pragma once

#include <string>
#include <vector>

#include "core/mastercf/editor.h"
#include "postconf_process.h"

namespace pmr::mastercf::differential {

using test_support::postconf_path;

/// One postconf edit run: a mode and its command-line arguments, as given to postconf (they may
/// be malformed on purpose).
struct EditBatch {
    EditMode mode = EditMode::set_service;
    std::vector<std::string> arguments;
};

/// postconf's option for a mode (`-Me`, `-MX`, `-M#`, `-Fe`, `-Pe`, `-PX`).
[[nodiscard]] std::string mode_option(EditMode mode);

/// What the comparisons covered, summed over cases.
struct Statistics {
    int documents = 0;
    int refused_documents = 0;    ///< postconf -M failed, and so did pmreconcile's parser
    int entries_compared = 0;     ///< lines of postconf -M
    int parameters_compared = 0;  ///< lines of postconf -P
    int edits_compared = 0;       ///< postconf edit runs
    int refused_edits = 0;        ///< edit runs postconf refused, as pmreconcile did
    int final_newline_added = 0;  ///< improvement: Postfix 3.7 glued an appended entry on

    Statistics& operator+=(const Statistics& other);
    [[nodiscard]] std::string summary() const;
};

/// Writes `text` as master.cf (beside an empty main.cf) into fresh directories, runs the
/// installed postconf's -M, -Mf, -F and -P on it and each edit batch on a copy of its own, all at
/// the same time, and compares with pmreconcile's engine: views and errors, written bytes,
/// warnings. Returns every difference found, each naming the kept directory.
[[nodiscard]] std::vector<std::string> compare_with_postconf(const std::string& text,
                                                             const std::vector<EditBatch>& batches,
                                                             Statistics& statistics);

}  // namespace pmr::mastercf::differential
