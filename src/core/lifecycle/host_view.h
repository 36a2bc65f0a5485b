#pragma once

#include <optional>
#include <string>

namespace pmr::lifecycle {

/// Read-only questions a planner may ask about the host's files. The core defines the
/// question; effects/ answers it from the disk, tests from memory.
class HostView {
  public:
    virtual ~HostView() = default;
    /// True when `path` names a regular file (after following symlinks, like `test -f`).
    [[nodiscard]] virtual bool is_regular_file(const std::string& path) const = 0;
    /// The content of a regular file, or nullopt when it cannot be read.
    [[nodiscard]] virtual std::optional<std::string> read_file(const std::string& path) const = 0;
};

}  // namespace pmr::lifecycle
