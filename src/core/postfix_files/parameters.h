#pragma once

#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "core/support/expected.h"

namespace pmr::postfix_files {

/// An instance's installation parameters by name, fully expanded (what `postconf -c DIR -xh
/// NAME` prints): `config_directory`, `queue_directory`, `mail_owner`, ...
using Parameters = std::map<std::string, std::string, std::less<>>;

/// The parameters post-install reads from main.cf (its MOST_PARAMETERS, plus config_directory):
/// a Parameters map holding these can expand every record of a stock postfix-files.
[[nodiscard]] std::span<const std::string_view> installation_parameter_names();

/// Replaces each `$name` and `${name}` in `text` by its value, as post-install's shell `eval`
/// does (a name is a letter or `_` followed by letters, digits and `_`; values are not expanded
/// again). A `$` not followed by a name is kept. A name missing from `parameters` is a failure:
/// `unknown parameter '$name'` (the shell would silently make it empty).
[[nodiscard]] Expected<std::string> expand_references(std::string_view text,
                                                      const Parameters& parameters);

/// The name of the reference `text` starts with (`queue_directory` for
/// `$queue_directory/active` or `${queue_directory}/active`); empty when it starts with none.
[[nodiscard]] std::string leading_reference(std::string_view text);

}  // namespace pmr::postfix_files
