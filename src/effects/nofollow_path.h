#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/support/expected.h"

namespace pmr::effects {

/// Owns one file descriptor and closes it.
class UniqueFd {
  public:
    UniqueFd() = default;
    explicit UniqueFd(int fd) : fd_(fd) {}
    UniqueFd(UniqueFd&& other) noexcept : fd_(other.release()) {}
    UniqueFd& operator=(UniqueFd&& other) noexcept;
    UniqueFd(const UniqueFd&) = delete;
    UniqueFd& operator=(const UniqueFd&) = delete;
    ~UniqueFd();

    [[nodiscard]] int get() const { return fd_; }
    [[nodiscard]] bool valid() const { return fd_ >= 0; }
    /// Gives up ownership.
    int release();

  private:
    int fd_ = -1;
};

/// The directory holding a path's last component, open, and that component's name.
struct ParentDirectory {
    UniqueFd fd;
    std::string leaf;
};

/// The components of the absolute `path`, empty ones (`//`) left out: `/etc//postfix/` gives
/// `etc`, `postfix`.
[[nodiscard]] std::vector<std::string> path_components(const std::string& path);

/// Opens the parent directory of the absolute `path` by walking from `/` one component at a
/// time with O_DIRECTORY|O_NOFOLLOW, so that no symbolic link on the way is ever followed (one
/// planted there is refused: `open PATH: is a symbolic link, not followed`). The last component
/// is only named, not opened. On failure `*error_number` (when given) receives the errno of the
/// failing step (ENOENT for a missing component).
[[nodiscard]] Expected<ParentDirectory> open_parent_directory(const std::string& path,
                                                              int* error_number = nullptr);

/// Opens the directory `path` itself the same way.
[[nodiscard]] Expected<UniqueFd> open_directory_nofollow(const std::string& path,
                                                         int* error_number = nullptr);

/// The message for a failed open of `path` with O_NOFOLLOW: ELOOP and ENOTDIR read as
/// "is a symbolic link, not followed" and "not a directory".
[[nodiscard]] std::string open_failure_message(const std::string& path, int error);

}  // namespace pmr::effects
