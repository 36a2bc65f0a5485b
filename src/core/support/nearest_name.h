#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pmr {

/// The Levenshtein distance between `a` and `b` (insertions, deletions and substitutions of one
/// character), with an adjacent transposition counted as one edit: `myhostnmae` is one edit
/// from `myhostname`.
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to `word`, when it is close enough to be what was meant: at most
/// `max_distance` edits, and no more than a third of the word's length (so that short words do
/// not suggest unrelated ones). Ties go to the first candidate given. nullopt when none is close.
[[nodiscard]] std::optional<std::string> nearest_name(std::string_view word,
                                                      const std::vector<std::string>& candidates,
                                                      std::size_t max_distance = 3);

}  // namespace pmr
