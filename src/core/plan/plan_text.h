#pragma once

#include <string>

#include "core/plan/plan.h"

namespace pmr::plan {

/// How plan text is decorated.
struct TextStyle {
    bool color = false;  ///< ANSI colours (only on a terminal, never with NO_COLOR/--no-color)
};

/// The human plan: one line per step with its symbol (`+` create/import, `~` change, `-`
/// destroy, `>` deport, `!` stop/reload), the before and after value of every change, refused
/// steps with their reason, each note (`Note: ...`), and the closing summary
/// (plan_summary_line(): `Plan: N to create, N to change, N to destroy.` and any imports,
/// deports and refusals), or `No changes: the host matches the manifest.`
[[nodiscard]] std::string render_text(const Plan& plan, const TextStyle& style);

/// A value as the plan shows it: quoted, or `(unset)`.
[[nodiscard]] std::string show_value(const std::optional<std::string>& value);

/// A change as the plan shows it: `NAME: BEFORE -> AFTER`, a master.cf service that is not
/// there shown as `(absent)` (`service 127.0.0.1:10026/inet: (absent) -> "n - n - - smtpd"`).
[[nodiscard]] std::string show_change(const Change& change);

}  // namespace pmr::plan
