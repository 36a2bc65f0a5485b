#pragma once

#include <span>
#include <string>

#include "core/instance/instance.h"

namespace pmr::instance {

/// One `postmulti -l` line: `%-15s %-15s %-9s %s\n` of name, group (`-` when empty), y/n and
/// the config directory.
[[nodiscard]] std::string list_line(const Instance& instance);

/// The instances as a JSON document for `pmreconcile list --json`:
/// `{"format_version":"2.0","instances":[{"name":...,"group":...,"enable":...,"primary":...,
/// "config_directory":...,"queue_directory":...,"data_directory":...}]}` (empty name or group
/// is null).
[[nodiscard]] std::string list_json(std::span<const Instance* const> instances);

}  // namespace pmr::instance
