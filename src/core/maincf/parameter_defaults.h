#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/support/diagnostic.h"

namespace pmr::maincf {

/// Compile-time default values of Postfix parameters (what `postconf -d` prints).
///
/// On a host with Postfix they come from one `postconf -d` call (see effects/); without Postfix,
/// builtin() supplies Debian 12's Postfix 3.7 values of every parameter pmreconcile reads, so
/// that planning works offline.
class ParameterDefaults {
  public:
    ParameterDefaults() = default;

    /// Debian 12 (Postfix 3.7.11) defaults of the parameters pmreconcile needs.
    [[nodiscard]] static const ParameterDefaults& builtin();

    /// Parses `postconf -d` output (`name = value` lines). Lines that are not of that form are
    /// reported, located at `origin`. Names builtin() knows but the output lacks keep the built-in
    /// value, so an older or trimmed Postfix still yields every needed default.
    [[nodiscard]] static ParameterDefaults from_postconf_output(std::string_view text,
                                                                std::string_view origin,
                                                                Diagnostics& problems);

    /// The default of `name`, or nullopt for a parameter Postfix does not know.
    [[nodiscard]] std::optional<std::string_view> get(std::string_view name) const;

    /// Sets or replaces one default.
    void set(std::string_view name, std::string_view value);

    /// Every parameter name with a default, sorted.
    [[nodiscard]] std::vector<std::string> names() const;

    /// How many parameters have a default.
    [[nodiscard]] std::size_t size() const { return entries_.size(); }

  private:
    std::vector<std::pair<std::string, std::string>> entries_;  // sorted by name
};

/// True for the parameters Postfix never expands when it prints them (`postconf -x` shows their
/// raw value): their `$name`s are expanded later, by the daemon that uses them, with per-message
/// attributes such as `$user` or `$client_address`. Postfix 3.7's list.
[[nodiscard]] bool is_raw_parameter(std::string_view name);

/// True for the parameters whose value each Postfix process sets itself (`process_name`,
/// `process_id`, `service_name`): a main.cf assignment to them is ignored.
[[nodiscard]] bool is_read_only_parameter(std::string_view name);

}  // namespace pmr::maincf
