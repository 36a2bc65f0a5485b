#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "core/support/expected.h"

namespace pmr::instance {

/// postmulti's conflict registry: every instance claims its name and its config, queue and data
/// directories, the primary also the shared command, daemon and shlib directories. A value may be
/// claimed once; the owner of a claim is `CONFIG_DIRECTORY, PARAMETER`.
class ClaimRegistry {
  public:
    /// Registers `config_directory`'s claim on `value` through `parameter`. Fails with
    /// postmulti's conflict message when another owner already holds `value`.
    [[nodiscard]] Status claim(std::string_view config_directory, std::string_view parameter,
                               std::string_view value);

    /// What claim() would give, without registering anything.
    [[nodiscard]] Status check(std::string_view config_directory, std::string_view parameter,
                               std::string_view value) const;

    /// The owner (`CONFIG_DIRECTORY, PARAMETER`) of `value`, or nullopt when it is free.
    [[nodiscard]] std::optional<std::string> owner(std::string_view value) const;

  private:
    /// Hashes std::string and std::string_view alike, so a lookup by view makes no string.
    struct TextHash {
        using is_transparent = void;
        [[nodiscard]] std::size_t operator()(std::string_view text) const {
            return std::hash<std::string_view>{}(text);
        }
    };
    /// By value: a host of 1,000 instances makes 4,000 claims each time its state is read.
    std::unordered_map<std::string, std::string, TextHash, std::equal_to<>> owners_;
};

}  // namespace pmr::instance
