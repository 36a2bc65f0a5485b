#pragma once

#include <optional>
#include <string>
#include <utility>

namespace pmr {

/// A value, or the reason there is none: what low-level effects return instead of throwing.
///
/// The reason is one lowercase sentence that names the path and the cause, e.g.
/// `open /etc/postfix/main.cf: No such file or directory`.
template <typename T>
class [[nodiscard]] Expected {
  public:
    Expected(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design

    /// A failure carrying `reason`.
    static Expected failure(std::string reason) {
        Expected result;
        result.error_ = std::move(reason);
        return result;
    }

    [[nodiscard]] bool ok() const { return value_.has_value(); }
    explicit operator bool() const { return ok(); }

    [[nodiscard]] T& value() & { return *value_; }
    [[nodiscard]] const T& value() const& { return *value_; }
    [[nodiscard]] T&& value() && { return std::move(*value_); }
    T* operator->() { return &*value_; }
    const T* operator->() const { return &*value_; }
    T& operator*() & { return *value_; }
    const T& operator*() const& { return *value_; }

    /// The reason for a failure; empty on success.
    [[nodiscard]] const std::string& error() const { return error_; }

  private:
    Expected() = default;
    std::optional<T> value_;
    std::string error_;
};

/// Success or a reason, for operations that return nothing.
struct Done {};
using Status = Expected<Done>;

/// A successful Status.
inline Status ok_status() {
    return Done{};
}

}  // namespace pmr
