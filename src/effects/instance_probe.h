#pragma once

#include <cstddef>
#include <string>

namespace pmr::effects {

/// True while a Postfix master runs for the instance whose queue is `queue_directory`: the
/// master holds an exclusive lock on `pid/master.pid` for as long as it lives (the same test
/// `postfix status` makes), so a non-blocking shared lock attempt fails. Read-only.
[[nodiscard]] bool master_running(const std::string& queue_directory);

/// The number of queue files (messages) under the instance's maildrop, incoming, active,
/// deferred, hold and corrupt directories, at any hash_queue_depth and for any
/// hash_queue_names, without following symbolic links. A subdirectory that cannot be read counts
/// as one message (it cannot be shown empty); a queue directory that does not exist holds none.
/// Read-only.
[[nodiscard]] std::size_t count_queued_messages(const std::string& queue_directory);

}  // namespace pmr::effects
