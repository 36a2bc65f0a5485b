#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/lifecycle/operation.h"
#include "core/support/expected.h"

namespace pmr::lifecycle {

/// The one rule that keeps a destroy from losing mail, behind `plan`, `apply` and `pmreconcile
/// destroy` alike: why a destroy is refused while the instance's queue holds `queued_messages`
/// messages: a failure saying why (`not destroyed: its queue holds 2 messages; the instance is
/// left as it is`), or success when the queue is empty.
[[nodiscard]] Status check_queue_empty(std::size_t queued_messages);

/// The line that reports a refused destroy: `refused to destroy postfix-old (/etc/postfix-old):
/// REASON`, or `refused to destroy /etc/postfix-old: REASON` when the instance has no name (its
/// label is its config directory).
[[nodiscard]] std::string destroy_refused_message(std::string_view instance,
                                                  std::string_view config_directory,
                                                  std::string_view reason);

/// Puts `check` first in a destroy's operations, so the queue is counted again just before the
/// step runs (mail may have arrived since it was planned) and nothing is removed while it holds
/// a message.
void guard_destroy(std::vector<Operation>& operations, RequireEmptyQueue check);

}  // namespace pmr::lifecycle
