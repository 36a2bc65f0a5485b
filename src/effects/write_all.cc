#include "effects/write_all.h"

#include <unistd.h>

#include <cerrno>

#include "effects/system_error.h"

namespace pmr::effects {

Status write_all(int fd, std::string_view content, const std::string& path) {
    while (!content.empty()) {
        const ssize_t n = ::write(fd, content.data(), content.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return Status::failure(errno_message("write", path, errno));
        content.remove_prefix(static_cast<std::size_t>(n));
    }
    return ok_status();
}

}  // namespace pmr::effects
