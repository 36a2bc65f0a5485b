#pragma once

#include <span>
#include <string>
#include <vector>

#include "core/postfix_files/entry.h"
#include "core/postfix_files/mode.h"
#include "core/postfix_files/parameters.h"
#include "core/postfix_files/scope.h"
#include "core/support/diagnostic.h"

namespace pmr::postfix_files {

/// The instance `set-permissions` runs for.
struct Target {
    Parameters parameters;
    Scope scope = Scope::instance_files;
    /// config_directory is the built-in default (`postconf -d config_directory`); records
    /// flagged `1` are then mandatory.
    bool default_instance = false;
};

/// What post-install's `set-permissions` does for one record, in this order:
///   1. a directory with `create_missing` that does not exist is made (`mkdir`, not `-p`);
///   2. `chown OWNER PATH` (`-R` when `recursive`), then `chgrp GROUP` when a group is given;
///   3. `chmod MODE PATH`; when `recursive`, every directory below gets MODE as well, while
///      other files below keep their bits (queue file status is encoded in them).
/// A path that does not exist (and is not created) is an error, unless `skip_when_absent`.
struct Step {
    std::string path;                       ///< absolute, expanded
    EntryType type = EntryType::directory;  ///< directory or file, never a link
    // {}: designated initializers may leave them out.
    std::string owner{};  ///< user name (or number)
    std::string group{};  ///< group name (or number); empty leaves the group alone
    Mode mode;
    bool create_missing = false;
    bool recursive = false;
    bool skip_when_absent = false;
    std::string
        root_parameter{};  ///< the parameter the record's name starts with, e.g. queue_directory
    std::string origin{};  ///< where the record came from
    int line = 0;

    friend bool operator==(const Step&, const Step&) = default;
};

/// One line per step for logs and tests, e.g.
/// `d /var/spool/postfix-out/maildrop postfix:postdrop 0730 create` or
/// `d /var/spool/postfix-out/active postfix 0700 create recursive`.
[[nodiscard]] std::string to_string(const Step& step);

/// The steps of a plan, and every finding made while planning.
struct PermissionPlan {
    std::vector<Step> steps;
    Diagnostics diagnostics;
};

/// What `postfix -c DIR set-permissions` (post-install create-missing set-permissions) does with
/// `entries` for `target`, in the entries' order (postfix-files first, then postfix-files.d/*).
///
/// Records are skipped as post-install skips them: outside the scope; hard and symbolic links;
/// names that expand to `no` or `no/...` (a parameter set to `no`, e.g. html_directory);
/// obsolete (`o`) records. `$name` and `${name}` expand from `target.parameters` in the name,
/// owner, group and flags fields; `-` means "none".
///
/// Errors (`origin:line: message`, the record left out): a reference to a parameter missing from
/// `target.parameters`; a name that does not expand to an absolute path; an owner that expands
/// to nothing; a permission that is not octal. Callers refuse a plan with errors.
[[nodiscard]] PermissionPlan plan_set_permissions(std::span<const Entry> entries,
                                                  const Target& target);

}  // namespace pmr::postfix_files
