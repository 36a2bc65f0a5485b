#pragma once

#include <string>

#include "core/postfix_files/parser.h"
#include "core/support/expected.h"

namespace pmr::effects {

/// Reads and parses the files post-install works from: `META_DIRECTORY/postfix-files`, then every
/// regular file below `META_DIRECTORY/postfix-files.d` (at any depth, symbolic links left out),
/// sorted bytewise by path, as `find DIR -type f | sort` lists them under LANG=C.
///
/// A file that cannot be read is a failure (`open PATH: REASON`); findings about the contents
/// are in the result's diagnostics. A missing postfix-files.d is not an error.
[[nodiscard]] Expected<postfix_files::ParsedFiles> load_postfix_files(
    const std::string& meta_directory);

}  // namespace pmr::effects
