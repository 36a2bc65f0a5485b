#include "core/plan/step_record.h"

#include "core/lifecycle/journal_codec.h"
#include "core/plan/plan_text.h"
#include "core/support/sha256.h"

namespace pmr::plan {

bool StepRecord::same_as(const StepRecord& other) const {
    if (headline != other.headline || changes != other.changes || operations != other.operations) {
        return false;
    }
    return digest.empty() || other.digest.empty() || digest == other.digest;
}

std::string operations_digest(const Step& step) {
    // The journal's encoding is complete: it is what an interrupted step is finished from.
    return "sha256:" + sha256_hex(lifecycle::encode_journal({"", step.operations}));
}

std::string headline(const Step& step) {
    std::string text = std::string(to_string(step.kind)) + " " + step.instance;
    if (step.instance != step.config_directory)
        text += " (" + step.config_directory + ")";
    return text;
}

std::vector<StepRecord> step_records(const Plan& plan) {
    std::vector<StepRecord> records;
    records.reserve(plan.steps.size());
    for (const Step& step : plan.steps) {
        StepRecord record{headline(step), {}, {}, operations_digest(step)};
        for (const Change& change : step.changes) {
            record.changes.push_back(show_change(change));
        }
        for (const lifecycle::Operation& op : step.operations) {
            record.operations.push_back(lifecycle::describe(op));
        }
        records.push_back(std::move(record));
    }
    return records;
}

std::string refusal_record(const std::string& instance, const std::string& config_directory) {
    return "refused: destroy " + instance + " (" + config_directory + ")";
}

std::vector<std::string> refusal_records(const Plan& plan) {
    std::vector<std::string> records;
    for (const Refusal& refusal : plan.refusals) {
        records.push_back(refusal_record(refusal.instance, refusal.config_directory));
    }
    return records;
}

}  // namespace pmr::plan
