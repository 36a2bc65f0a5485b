#pragma once

#include <string>

#include "core/instance/instance.h"

namespace pmr::instance {

/// Which instances a command applies to (postmulti's -a, -g, -i).
struct Selection {
    enum class Kind { none, all, group, name };
    Kind kind = Kind::none;
    std::string value;  ///< the group, or the instance name / suffix / config path / `-`

    [[nodiscard]] static Selection all() { return {Kind::all, {}}; }
    [[nodiscard]] static Selection group(std::string g) { return {Kind::group, std::move(g)}; }
    [[nodiscard]] static Selection name(std::string n) { return {Kind::name, std::move(n)}; }

    /// postmulti's match_instance_selection(): `-i` matches an absolute config directory, else
    /// the name (`out` also matches `postfix-out`, an unnamed instance only by its directory),
    /// and `-` the primary; `-g` matches the group exactly; none matches nothing.
    [[nodiscard]] bool matches(const Instance& instance) const;

    friend bool operator==(const Selection&, const Selection&) = default;
};

}  // namespace pmr::instance
