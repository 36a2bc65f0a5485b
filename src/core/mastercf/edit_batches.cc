#include "core/mastercf/edit_batches.h"

namespace pmr::mastercf {

BatchOutcome apply_edit_batches(const MasterCf& master_cf, std::span<const Edit> edits) {
    BatchOutcome outcome{master_cf.text(), master_cf, false, std::nullopt};
    if (master_cf.has_errors()) {
        for (const Diagnostic& d : master_cf.diagnostics()) {
            if (d.severity == Severity::error) {
                outcome.error = postconf_wording(d);
                return outcome;
            }
        }
    }
    MasterCf current = master_cf;
    std::size_t start = 0;
    while (start < edits.size()) {
        std::size_t end = start + 1;
        while (end < edits.size() && mode_of(edits[end]) == mode_of(edits[start]))
            ++end;
        EditOutcome pass = apply_edits(current, edits.subspan(start, end - start));
        if (!pass.errors.empty()) {
            outcome.text = master_cf.text();
            outcome.changed = false;
            outcome.error = pass.errors.front().message;
            return outcome;
        }
        if (pass.changed) {
            outcome.changed = true;
            current = MasterCf::parse(std::move(pass.text), master_cf.path());
        }
        start = end;
    }
    outcome.text = current.text();
    outcome.master_cf = std::move(current);
    return outcome;
}

}  // namespace pmr::mastercf
