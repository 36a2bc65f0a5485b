#pragma once

#include <array>
#include <string_view>

namespace pmr::postfix_files {

/// The queue subdirectories `postmulti -e destroy` removes with rmdir, in its order
/// (postmulti-script's QUEUE_SUBDIRS). Each is also a record of the stock postfix-files.
inline constexpr std::array<std::string_view, 14> queue_subdirectories = {
    "active",   "bounce",   "corrupt", "defer",   "deferred", "flush", "hold",
    "incoming", "maildrop", "pid",     "private", "public",   "saved", "trace"};

}  // namespace pmr::postfix_files
