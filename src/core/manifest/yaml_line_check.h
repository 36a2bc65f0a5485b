#pragma once

#include <string_view>

namespace pmr::manifest {

/// Whether every YAML token that starts on `line` (one line, without its line break) provably
/// ends on it too: no quoted scalar or flow collection is left open at its end, and nothing on
/// it starts a block scalar, a tag, an anchor, an alias, a complex key or a directive. The check
/// errs towards "no": a line it cannot read with certainty (a quote inside a plain scalar, a
/// `:` inside a plain scalar in a flow collection, a tab) is not self-contained. A text whose
/// every line is self-contained is read by YAML line by line, each line starting in block
/// context: what lets a long list be cut at its entries and parsed in parts (yaml_split.h).
[[nodiscard]] bool is_self_contained_line(std::string_view line);

}  // namespace pmr::manifest
