#include "core/plan/owed_ledger.h"

#include <algorithm>

namespace pmr::plan {

OwedLedger::OwedLedger(const Plan& plan, const std::vector<lifecycle::OwedWork>& carried) {
    for (const Step& step : plan.steps) {
        if (step.kind == StepKind::reload)
            reloaded_.insert(step.config_directory);
    }
    for (const lifecycle::OwedWork& work : carried)
        owe(work.config_directory);
}

void OwedLedger::begin(const Step& step) {
    for (const lifecycle::Operation& operation : step.operations) {
        if (const auto directory = lifecycle::edited_config_directory(operation))
            owe(*directory);
    }
}

void OwedLedger::complete(const Step& step) {
    if (step.kind != StepKind::reload)
        return;
    std::erase_if(owed_, [&](const lifecycle::OwedWork& work) {
        return work.config_directory == step.config_directory;
    });
}

void OwedLedger::owe(const std::string& config_directory) {
    // An instance the plan does not reload owes nothing: it is stopped, or gone.
    if (!reloaded_.contains(config_directory))
        return;
    const lifecycle::OwedWork work{lifecycle::OwedKind::reload, config_directory};
    if (std::ranges::find(owed_, work) == owed_.end())
        owed_.push_back(work);
}

}  // namespace pmr::plan
