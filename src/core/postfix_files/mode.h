#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace pmr::postfix_files {

/// The permission field of a postfix-files record, as post-install hands it to chmod(1).
struct Mode {
    unsigned bits = 0;  ///< e.g. 02755
    /// Written with five or more digits (`00755`): GNU chmod then also clears a directory's
    /// set-user-ID and set-group-ID bits that `bits` leaves out. With fewer digits it keeps them.
    bool clears_directory_setid = false;

    friend bool operator==(const Mode&, const Mode&) = default;
};

/// Parses an octal mode such as `730` or `2755`: one or more digits 0-7, at most 07777.
/// nullopt for anything else (empty, `-`, `u+rwx`, `$name`).
[[nodiscard]] std::optional<Mode> parse_mode(std::string_view text);

/// The permission bits `chmod MODE PATH` leaves on a file whose current bits are `current`:
/// `mode.bits` exactly for a non-directory; for a directory, `mode.bits` plus whichever
/// set-user-ID/set-group-ID bits of `current` the mode does not mention (GNU coreutils rule, so
/// that `chmod 700` keeps a set-group-ID bit inherited from the parent directory).
[[nodiscard]] unsigned chmod_result(const Mode& mode, unsigned current, bool directory);

/// `0755`, `02710`: octal with a leading zero, as in messages.
[[nodiscard]] std::string format_mode(unsigned bits);

}  // namespace pmr::postfix_files
