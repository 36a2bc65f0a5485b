#pragma once

#include <optional>
#include <string_view>

namespace pmr::postfix_files {

/// Which postfix-files records `set-permissions` applies to an instance.
enum class Scope {
    /// Only records named `$config_directory...`, `$queue_directory...` or `$data_directory...`:
    /// a secondary instance listed in the primary's multi_instance_directories, whose commands,
    /// daemons, libraries and manual pages belong to the primary.
    instance_files,
    /// Every record: the primary instance, or an instance that is not (yet) listed.
    every_file,
};

/// The scope post-install picks for the instance in `config_directory`.
///
/// `default_config_directory` is `postconf -d config_directory`; `multi_instance_directories` is
/// the primary's value (nullopt when the primary has no main.cf). Like post-install it replaces
/// only the first comma of that list by a space before splitting it on white space, so in
/// `a,b,c` the instance `c` is not recognised and every file is updated for it.
[[nodiscard]] Scope scope_for_instance(std::string_view config_directory,
                                       std::string_view default_config_directory,
                                       std::optional<std::string_view> multi_instance_directories);

}  // namespace pmr::postfix_files
