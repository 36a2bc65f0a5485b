#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "core/plan/plan.h"

namespace pmr::plan {

/// How many steps of each kind a plan has, each kind counted apart: an import is not a
/// create, a deport (which keeps every file) is not a destroy, and a refused step is none.
struct Summary {
    int create = 0;
    int import = 0;
    int change = 0;  ///< init, disable, assign, configure, reorder, enable (not run-time steps)
    int deport = 0;
    int destroy = 0;
    int start = 0;  ///< run-time steps: start, stop and restart (a reload is not counted)
    int stop = 0;
    int restart = 0;
    int refused = 0;
};

[[nodiscard]] Summary summarize(const Plan& plan);

/// The plan's closing line: `Plan: 1 to create, 1 to import, 2 to change, 2 to deport, 0 to
/// destroy, 2 to start, 1 to stop, 1 to restart, 1 refused.` create, change and destroy are
/// always shown (read every day, also at 0); the others only when there are any.
[[nodiscard]] std::string plan_summary_line(const Summary& summary);

/// apply's closing line when every step ran and none was refused: `Apply complete: 1 created,
/// 2 changed, 0 destroyed.` (imported, deported, started, stopped and restarted likewise only
/// when there are any).
[[nodiscard]] std::string apply_complete_line(const Summary& summary);

/// apply's closing line when not every step ran: `Apply stopped after N of M steps: REASON`,
/// where M counts the refused steps too.
[[nodiscard]] std::string apply_stopped_line(std::size_t done, std::size_t total,
                                             std::string_view reason);

}  // namespace pmr::plan
