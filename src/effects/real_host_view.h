#pragma once

#include "core/lifecycle/host_view.h"

namespace pmr::effects {

/// Answers the planners' questions from the real filesystem.
class RealHostView final : public lifecycle::HostView {
  public:
    [[nodiscard]] bool is_regular_file(const std::string& path) const override;
    [[nodiscard]] std::optional<std::string> read_file(const std::string& path) const override;
};

}  // namespace pmr::effects
