#pragma once

#include <string>
#include <string_view>

namespace pmr::postmulti {

/// postmulti's make_private_path(): the primary's directory `primary_value` with its last
/// component replaced by `name` (`/etc/postfix` -> `/etc/postfix-out`). Reproduces Postfix's
/// treatment of odd values too: a single trailing slash keeps the last component
/// (`/etc/postfix/` -> `/etc/postfix/postfix-out`), and `/` gives `/postfix-out`.
/// `primary_value` must be absolute.
[[nodiscard]] std::string private_path(std::string_view primary_value, std::string_view name);

}  // namespace pmr::postmulti
