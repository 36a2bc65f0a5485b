#include "core/plan/plan_summary.h"

namespace pmr::plan {

namespace {

/// `N WORD`, or "" when `optional` and N is 0; joined to `text` with ", ".
void add_count(std::string& text, int count, std::string_view word, bool optional) {
    if (optional && count == 0)
        return;
    if (!text.empty())
        text += ", ";
    text += std::to_string(count) + " " + std::string(word);
}

}  // namespace

Summary summarize(const Plan& plan) {
    Summary summary;
    for (const Step& step : plan.steps) {
        switch (step.kind) {
            case StepKind::create:
                ++summary.create;
                break;
            case StepKind::import:
                ++summary.import;
                break;
            case StepKind::deport:
                ++summary.deport;
                break;
            case StepKind::destroy:
                ++summary.destroy;
                break;
            case StepKind::start:
                ++summary.start;
                break;
            case StepKind::stop:
                ++summary.stop;
                break;
            case StepKind::restart:
                ++summary.restart;
                break;
            case StepKind::reload:
                break;  // follows a change, which is counted
            default:
                ++summary.change;
                break;
        }
    }
    summary.refused = static_cast<int>(plan.refusals.size());
    return summary;
}

std::string plan_summary_line(const Summary& s) {
    std::string counts;
    add_count(counts, s.create, "to create", false);
    add_count(counts, s.import, "to import", true);
    add_count(counts, s.change, "to change", false);
    add_count(counts, s.deport, "to deport", true);
    add_count(counts, s.destroy, "to destroy", false);
    add_count(counts, s.start, "to start", true);
    add_count(counts, s.stop, "to stop", true);
    add_count(counts, s.restart, "to restart", true);
    add_count(counts, s.refused, "refused", true);
    return "Plan: " + counts + ".";
}

std::string apply_complete_line(const Summary& s) {
    std::string counts;
    add_count(counts, s.create, "created", false);
    add_count(counts, s.import, "imported", true);
    add_count(counts, s.change, "changed", false);
    add_count(counts, s.deport, "deported", true);
    add_count(counts, s.destroy, "destroyed", false);
    add_count(counts, s.start, "started", true);
    add_count(counts, s.stop, "stopped", true);
    add_count(counts, s.restart, "restarted", true);
    return "Apply complete: " + counts + ".";
}

std::string apply_stopped_line(std::size_t done, std::size_t total, std::string_view reason) {
    return "Apply stopped after " + std::to_string(done) + " of " + std::to_string(total) +
           " step" + (total == 1 ? "" : "s") + ": " + std::string(reason);
}

}  // namespace pmr::plan
