#pragma once

#include <optional>
#include <string_view>

#include "core/manifest/manifest.h"

namespace pmr::manifest {

/// The deepest nesting of collections a manifest may use. A manifest needs four levels (the
/// document, `instances`, an entry, its `parameters`); 64 leaves room for any sane style.
inline constexpr int max_yaml_nesting = 64;

/// Where `text` opens a flow collection (`[` or `{`) nested more than `limit` flow collections
/// deep, found by one linear pass before yaml-cpp sees the text: yaml-cpp's scanner keeps every
/// token of an unclosed flow collection (4 MiB of `[` cost about 1 GB before it gave up), so the
/// limit must be enforced before it runs. The pass skips comments and quoted scalars, and counts
/// a `[` or `{` outside a flow collection only where a node can start (not inside a plain scalar
/// such as `a[b`); where it cannot tell, it counts, so it errs towards refusing, never towards
/// letting deeper nesting through. nullopt when the nesting stays within `limit`.
[[nodiscard]] std::optional<Position> find_too_deep_flow_nesting(std::string_view text, int limit);

}  // namespace pmr::manifest
