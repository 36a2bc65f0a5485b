#pragma once

#include <optional>
#include <string>

#include "core/support/shared_text.h"

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
    /// The same content, shared where the view holds it already (a simulated host), so that a
    /// planner reading a prototype for each of 10,000 creates copies nothing.
    [[nodiscard]] virtual std::optional<SharedText> read_shared(const std::string& path) const {
        auto text = read_file(path);
        if (!text)
            return std::nullopt;
        return SharedText(std::move(*text));
    }
};

}  // namespace pmr::lifecycle
