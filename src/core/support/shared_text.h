#pragma once

#include <memory>
#include <string>

namespace pmr {

/// An immutable text shared by its copies: a plan that installs the same master.cf in 10,000
/// new instances, and the simulated host it plans on, hold its bytes once. Never null.
class SharedText {
  public:
    SharedText() : text_(empty()) {}
    SharedText(
        std::string text)  // NOLINT(google-explicit-constructor): operations are built from strings
        : text_(std::make_shared<const std::string>(std::move(text))) {}
    SharedText(const char* text) : SharedText(std::string(text)) {}  // NOLINT
    /// Shares `text` (an empty text when null) instead of copying it.
    explicit SharedText(std::shared_ptr<const std::string> text)
        : text_(text ? std::move(text) : empty()) {}

    /// The text.
    [[nodiscard]] const std::string& str() const { return *text_; }
    /// The text, shared (never null).
    [[nodiscard]] const std::shared_ptr<const std::string>& shared() const { return text_; }

    /// Equal texts are equal, shared or not.
    friend bool operator==(const SharedText& a, const SharedText& b) {
        return a.text_ == b.text_ || a.str() == b.str();
    }

  private:
    static const std::shared_ptr<const std::string>& empty() {
        static const auto text = std::make_shared<const std::string>();
        return text;
    }
    std::shared_ptr<const std::string> text_;
};

}  // namespace pmr
