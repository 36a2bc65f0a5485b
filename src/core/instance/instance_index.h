#pragma once

#include <string_view>
#include <unordered_map>

#include "core/instance/host_state.h"

namespace pmr::instance {

/// Finds a host's instances by config directory and by name in constant time. The planner and
/// the manifest's host checks ask after every instance of a 1,000-instance host, often in each
/// phase; a scan per question made that quadratic. It points into `state`: it is valid while
/// that state lives unchanged.
class InstanceIndex {
  public:
    explicit InstanceIndex(const HostState& state);

    /// The instance whose config directory is `config_directory`, or nullptr.
    [[nodiscard]] const Instance* by_config_directory(std::string_view config_directory) const;
    /// The instance named `name` (the primary too, when it has a name), or nullptr.
    [[nodiscard]] const Instance* by_name(std::string_view name) const;
    /// The secondary named `name`, or nullptr.
    [[nodiscard]] const Instance* secondary_named(std::string_view name) const;

    /// Indexes `instance`, just appended to the state (whose instances must not have moved).
    void add(const Instance& instance);

    /// Whether this index was built from `state` (the same object, not an equal one).
    [[nodiscard]] bool indexes(const HostState& state) const { return &state == state_; }

  private:
    const HostState* state_;
    std::unordered_map<std::string_view, const Instance*> by_directory_;
    std::unordered_map<std::string_view, const Instance*> by_name_;
};

}  // namespace pmr::instance
