#include "core/plan/owed_ledger.h"

#include <algorithm>

namespace pmr::plan {

OwedLedger::OwedLedger(const Plan& plan, const std::vector<lifecycle::OwedWork>& carried) {
    for (const Step& step : plan.steps) {
        if (step.kind == StepKind::reload)
            planned_.emplace(step.config_directory, lifecycle::OwedKind::reload);
        if (step.kind == StepKind::restart || step.kind == StepKind::start)
            planned_.insert_or_assign(step.config_directory, lifecycle::OwedKind::restart);
    }
    for (const lifecycle::OwedWork& work : carried)
        owe(work.config_directory, work.kind);
}

void OwedLedger::begin(const Step& step) {
    for (const lifecycle::Operation& operation : step.operations) {
        const auto directory = lifecycle::edited_config_directory(operation);
        if (!directory)
            continue;
        if (const auto planned = planned_.find(*directory); planned != planned_.end())
            owe(*directory, planned->second);
    }
}

void OwedLedger::complete(const Step& step) {
    if (step.kind != StepKind::reload && step.kind != StepKind::restart &&
        step.kind != StepKind::start)
        return;
    std::erase_if(owed_, [&](const lifecycle::OwedWork& work) {
        return work.config_directory == step.config_directory;
    });
}

void OwedLedger::owe(const std::string& config_directory, lifecycle::OwedKind kind) {
    // An instance the plan does not reload, restart or start owes nothing: it is stopped (and
    // stays so), or gone.
    if (!planned_.contains(config_directory))
        return;
    const lifecycle::OwedWork work{kind, config_directory};
    if (std::ranges::find(owed_, work) == owed_.end())
        owed_.push_back(work);
}

}  // namespace pmr::plan
