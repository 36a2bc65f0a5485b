#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/maincf/expander.h"
#include "core/maincf/main_cf.h"
#include "core/maincf/parameter_defaults.h"

namespace pmr::maincf {

/// One instance's parameters as Postfix sees them: main.cf's settings over the defaults.
///
/// Like Postfix, main.cf cannot set the read-only parameters (`process_name`, ...), and when
/// main.cf sets `myhostname` but not `mydomain`, the default of `mydomain` is the part of
/// `myhostname` after its first dot (`localdomain` when it has none). Postfix expands that
/// `myhostname` with main.cf's settings alone; when that fails, it dies wherever `mydomain` is
/// needed, and so does every expansion here that needs it.
///
/// Holds references: the MainCf and ParameterDefaults must outlive it.
class Configuration final : public ParameterLookup {
  public:
    Configuration(const MainCf& main_cf, const ParameterDefaults& defaults);

    /// The configuration of the instance in `config_directory`, as `postconf -c DIR` reads it:
    /// `$config_directory` is DIR unless its main.cf sets another. (Cheaper than a copy of the
    /// defaults with config_directory replaced, which matters with a thousand instances.)
    Configuration(const MainCf& main_cf, const ParameterDefaults& defaults,
                  std::string config_directory);

    /// main.cf's value of `name`, else its default, else nullopt (unknown parameter).
    [[nodiscard]] std::optional<std::string_view> raw_value(std::string_view name) const override;

    /// The error deriving `mydomain` from main.cf's `myhostname`, for `mydomain`.
    [[nodiscard]] Status check_lookup(std::string_view name) const override;

    /// The fully expanded value of `name` (what `postconf -xh name` prints): an unknown name
    /// expands to the empty string, and a raw parameter (is_raw_parameter()) to its value as is.
    [[nodiscard]] Expansion expanded(std::string_view name) const;

    /// The expanded value of `name`, or `fallback` when expansion fails.
    [[nodiscard]] std::string expanded_or(std::string_view name, std::string_view fallback) const;

    [[nodiscard]] const MainCf& main_cf() const { return main_cf_; }
    [[nodiscard]] const ParameterDefaults& defaults() const { return defaults_; }

  private:
    const MainCf& main_cf_;
    const ParameterDefaults& defaults_;
    std::optional<std::string> derived_mydomain_;  // from main.cf's myhostname
    std::optional<std::string> mydomain_failure_;  // why it cannot be derived
    std::optional<std::string> config_directory_;  // the instance's own, over the default
};

}  // namespace pmr::maincf
