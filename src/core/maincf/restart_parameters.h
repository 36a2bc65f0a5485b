#pragma once

#include <string_view>

namespace pmr::maincf {

/// Whether a change of main.cf parameter `name` takes a stop and a start of the instance's
/// master, not a `postfix reload`: inet_interfaces and inet_protocols, of which postconf(5)
/// says "you need to stop and start Postfix when this parameter changes" and "you MUST stop and
/// start Postfix after changing this parameter"; and the directories and accounts that master(8)
/// and postfix-script(1) take once, when the master starts (it changes to queue_directory,
/// holds its lock in data_directory, runs its daemons from daemon_directory as mail_owner, and
/// `postfix start` checks and sets the permissions that command_directory, meta_directory,
/// shlib_directory and setgid_group govern). The one list: the planner asks nothing else.
[[nodiscard]] bool requires_restart(std::string_view name);

}  // namespace pmr::maincf
