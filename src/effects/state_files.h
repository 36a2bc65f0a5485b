#pragma once

#include <optional>
#include <string>

#include "core/support/expected.h"
#include "effects/nofollow_path.h"
#include "effects/private_directory.h"

namespace pmr::effects {

/// Where pmreconcile keeps its own state for one primary instance: the run lock (`lock`) and the
/// journal of an apply in progress (`journal.json`), in a directory that is root's alone (see
/// open_private_directory): root trusts and replays what is there, so nobody else, mail_owner
/// included, may be able to plant, swap or hold anything in it. It is never in a directory of
/// Postfix's, which belong to mail_owner.
struct StateFiles {
    std::string directory;
    static constexpr const char* lock_name = "lock";
    static constexpr const char* journal_name = "journal.json";
    [[nodiscard]] std::string lock() const { return directory + "/" + lock_name; }
    [[nodiscard]] std::string journal() const { return directory + "/" + journal_name; }
};

/// Where the state of every primary lives: /var/lib/pmreconcile, beside the postconf -d cache.
inline constexpr const char* state_root = "/var/lib/pmreconcile";

/// The name of a primary's state directory below the root: its config directory's components
/// joined by `-`, other characters than letters, digits, `_` and `.` as `%XX`
/// (`/etc/postfix` -> `etc-postfix`, `/srv/mail-1/` -> `srv-mail%2d1`).
[[nodiscard]] std::string state_directory_name(const std::string& config_directory);

/// pmreconcile's state files for the primary instance whose config directory is
/// `config_directory`: `ROOT/NAME` (see state_directory_name).
[[nodiscard]] StateFiles state_files_for(const std::string& config_directory,
                                         const std::string& root = state_root);

/// The state directory, open and verified (see open_private_directory), created mode 0755 with
/// Create::yes; nullopt with Create::no when it does not exist yet.
[[nodiscard]] Expected<std::optional<UniqueFd>> open_state_directory(const StateFiles& files,
                                                                     Create create);

}  // namespace pmr::effects
