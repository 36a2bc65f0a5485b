#include "effects/native_queue_trees.h"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>

namespace pmr::effects {

namespace {

/// The queue subdirectories postmulti-script's destroy removes, in its order.
constexpr std::array<const char*, 14> queue_subdirectories = {
    "active", "bounce",   "corrupt", "defer",   "deferred", "flush", "hold",
    "incoming", "maildrop", "pid",   "private", "public",   "saved", "trace"};

}  // namespace

Status NativeQueueTrees::build(const std::string& config_directory) {
    // TODO(queue-tree): replaced by the native postfix-files builder.
    auto result = runner_.run(Command{
        {command_directory_ + "/postfix", "-c", config_directory, "set-permissions"},
        std::nullopt, false, false});
    if (!result) return Status::failure(result.error());
    if (!result->succeeded()) return Status::failure("set-permissions failed");
    return ok_status();
}

std::vector<Leftover> NativeQueueTrees::remove(const std::string& queue_directory,
                                               const std::string& data_directory) {
    std::vector<Leftover> leftovers;
    // rmdir relative to an O_NOFOLLOW handle on the queue directory: a symlink planted there
    // is never followed, and rmdir never removes a file.
    const int queue = ::open(queue_directory.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    for (const char* subdirectory : queue_subdirectories) {
        if (queue >= 0 && ::unlinkat(queue, subdirectory, AT_REMOVEDIR) == 0) continue;
        const int error = queue >= 0 ? errno : ENOENT;
        leftovers.push_back(
            Leftover{subdirectory, queue_directory + "/" + subdirectory, std::strerror(error)});
    }
    if (queue >= 0) ::close(queue);
    for (const std::string& directory : {data_directory, queue_directory}) {
        if (::rmdir(directory.c_str()) < 0) {
            leftovers.push_back(Leftover{directory, directory, std::strerror(errno)});
        }
    }
    return leftovers;
}

}  // namespace pmr::effects
