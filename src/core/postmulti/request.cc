#include "core/postmulti/request.h"

#include <array>
#include <utility>

namespace pmr::postmulti {

namespace {

constexpr std::array<std::pair<Action, std::string_view>, 8> action_names = {{
    {Action::create, "create"},
    {Action::import, "import"},
    {Action::destroy, "destroy"},
    {Action::deport, "deport"},
    {Action::enable, "enable"},
    {Action::disable, "disable"},
    {Action::assign, "assign"},
    {Action::init, "init"},
}};

}  // namespace

std::string_view action_name(Action action) {
    for (const auto& [a, name] : action_names) {
        if (a == action)
            return name;
    }
    return "";
}

std::optional<Action> action_from_name(std::string_view word) {
    for (const auto& [a, name] : action_names) {
        if (name == word)
            return a;
    }
    return std::nullopt;
}

}  // namespace pmr::postmulti
