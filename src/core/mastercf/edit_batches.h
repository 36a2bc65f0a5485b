#pragma once

#include <optional>
#include <span>
#include <string>

#include "core/mastercf/editor.h"
#include "core/mastercf/master_cf.h"

namespace pmr::mastercf {

/// What apply_edit_batches() made of a master.cf.
struct BatchOutcome {
    std::string text;
    /// `text` parsed (the parse of its last pass, or the input's), for a caller that keeps it.
    MasterCf master_cf;
    bool changed = false;
    /// postconf's fatal message for the first batch it would refuse; `text` is then the input.
    std::optional<std::string> error;
};

/// Applies edits of any modes in order: each run of edits of one mode in one apply_edits()
/// pass, as successive postconf runs (`postconf -MX ...`, then `postconf -Me ...`) would.
/// `master_cf` must parse without errors (postconf refuses to edit such a file).
[[nodiscard]] BatchOutcome apply_edit_batches(const MasterCf& master_cf,
                                              std::span<const Edit> edits);

}  // namespace pmr::mastercf
