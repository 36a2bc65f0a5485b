#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/lifecycle/operation.h"

namespace pmr::lifecycle {

/// What an instance still owes after an apply stopped (an error, a signal, a crash): its main.cf
/// or master.cf was changed and the Postfix command that makes its master read them has not
/// succeeded yet. Kept in the journal until that command succeeds.
enum class OwedKind {
    reload,   ///< `postfix reload`: a running master still has the old configuration
    restart,  ///< stop and start: a changed parameter that a reload does not apply
              ///< (restart_parameters.h); a master the restart stopped is started again
};

/// One instance's owed work.
struct OwedWork {
    OwedKind kind = OwedKind::reload;
    std::string config_directory;
    friend bool operator==(const OwedWork&, const OwedWork&) = default;
};

/// The journal's name for a kind (`reload`, `restart`), and the kind of a name; nullopt for a name
/// this pmreconcile does not know (a newer one's), which a reader must refuse, never guess.
[[nodiscard]] std::string_view to_string(OwedKind kind);
[[nodiscard]] std::optional<OwedKind> owed_kind_named(std::string_view name);

/// The config directory whose main.cf or master.cf `operation` changes, if any.
[[nodiscard]] std::optional<std::string> edited_config_directory(const Operation& operation);

}  // namespace pmr::lifecycle
