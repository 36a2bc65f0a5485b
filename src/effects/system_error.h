#pragma once

#include <string>
#include <string_view>

namespace pmr::effects {

/// `what path: strerror(errno)`, the form of every system-call failure message.
[[nodiscard]] std::string errno_message(std::string_view what, std::string_view path, int error);

}  // namespace pmr::effects
