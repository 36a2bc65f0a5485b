#pragma once

#include <string>

#include "core/manifest/directories.h"
#include "core/manifest/manifest.h"
#include "core/support/diagnostic.h"

namespace pmr::manifest {

/// The primary instance's directories, against which instances' directories are derived and
/// checked.
using PrimaryDirectories = Directories;

/// Main.cf parameters that the manifest may not list under `parameters`, because pmreconcile
/// manages them through other keys (name, group, enable, directories, instance order).
[[nodiscard]] bool is_reserved_instance_parameter(std::string_view name);
[[nodiscard]] bool is_reserved_primary_parameter(std::string_view name);

/// `path` cleaned for use as an instance directory: trailing slashes dropped. Returns the
/// reason when it cannot be one: relative, `/`, a `.` or `..` component, an empty component,
/// or characters outside Postfix's safe set.
[[nodiscard]] std::string check_directory(std::string_view path, std::string& cleaned);

/// `path` without trailing slashes (the form check_directory() accepts).
[[nodiscard]] std::string clean_directory(std::string_view path);

/// Checks what the manifest means, without reading the host: names start with `postfix-` and use
/// only safe characters, groups likewise, directories are clean absolute paths, no two instances
/// share a name, no directory is claimed twice, by the primary, or lies inside another claimed
/// directory, parameters are valid main.cf names and values and not reserved ones, and
/// `protect` is not combined with `state: absent`. Every problem is reported, located.
[[nodiscard]] Diagnostics validate(const Manifest& manifest, const PrimaryDirectories& primary);

/// The config directory an instance will have: its own, else derived from the name like
/// postmulti (`/etc/postfix` -> `/etc/postfix-NAME`).
[[nodiscard]] std::string derived_directory(std::string_view primary_directory,
                                            std::string_view name);

}  // namespace pmr::manifest
