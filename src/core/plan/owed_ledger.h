#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/lifecycle/owed_work.h"
#include "core/plan/plan.h"

namespace pmr::plan {

/// The reloads and restarts an apply owes while it carries out a plan, kept so that an apply that
/// stops anywhere (a failed step, a signal, a crash) leaves them in the journal for the next
/// plan: an instance whose main.cf or master.cf a step changes owes the reload or restart the
/// plan has for it from the moment that step starts until that step succeeds. A restart cut
/// short after its stop stays owed until the instance's start step succeeds.
class OwedLedger {
  public:
    /// Starts from `carried`, what an earlier apply left owing; only what `plan` still reloads
    /// is kept (the planner drops a reload of an instance that is gone or no longer runs).
    OwedLedger(const Plan& plan, const std::vector<lifecycle::OwedWork>& carried);

    /// Before `step` runs: the instances it edits owe their planned reload.
    void begin(const Step& step);

    /// After `step` succeeded: a reload, restart or start step pays its instance's debt.
    void complete(const Step& step);

    /// What is owed now, in the order it was first owed.
    [[nodiscard]] const std::vector<lifecycle::OwedWork>& owed() const { return owed_; }

  private:
    void owe(const std::string& config_directory, lifecycle::OwedKind kind);

    /// What the plan owes each config directory it reloads, restarts or starts.
    std::map<std::string, lifecycle::OwedKind> planned_;
    std::vector<lifecycle::OwedWork> owed_;
};

}  // namespace pmr::plan
