#include <unordered_map>
#include <utility>

#include "core/plan/planner_state.h"

namespace pmr::plan::detail {

void Planner::plan_order() {
    const auto state = current();
    if (!state)
        return;
    std::vector<std::string> listed;  // the manifest's instances on the host, in its order
    std::set<std::string> added;      // those this plan creates or imports
    for (const Target& t : present_targets()) {
        if (!find(*state, t.config_directory()))
            continue;
        listed.push_back(t.config_directory());
        if (!listed_before_.contains(t.config_directory()))
            added.insert(t.config_directory());
    }
    const std::vector<std::string> actual = state->secondary_directories();
    const std::vector<std::string> wanted = ordered_directories(actual, listed, added);
    if (wanted == actual)
        return;
    auto join = [](const std::vector<std::string>& list) {
        std::string text;
        for (const std::string& d : list)
            text += (text.empty() ? "" : " ") + d;
        return text;
    };
    add_step(StepKind::reorder, "-", primary_directory_,
             {{"multi_instance_directories", join(actual), join(wanted)}},
             {lifecycle::EditMainCf{
                 primary_directory_ + "/main.cf",
                 {{maincf::EditKind::set, "multi_instance_directories", join(wanted)}}}});
}

std::vector<std::string> Planner::ordered_directories(const std::vector<std::string>& actual,
                                                      const std::vector<std::string>& listed,
                                                      const std::set<std::string>& added) {
    std::vector<std::string> existing;  // the listed ones that were there, in manifest order
    for (const std::string& d : listed) {
        if (!added.contains(d))
            existing.push_back(d);
    }
    const std::set<std::string_view> is_existing(existing.begin(), existing.end());
    std::vector<std::string> wanted;
    auto next = existing.begin();
    for (const std::string& d : actual) {
        if (added.contains(d))
            continue;
        wanted.push_back(is_existing.contains(d) ? *next++ : d);
    }
    // Each added instance goes right after the one listed before it, itself added or not
    // (no two share that one): a chain that follows the first place of its head. Built
    // in one pass, not by a search and an insert per instance (10,000 new ones).
    std::unordered_map<std::string_view, std::string_view> next_added;
    std::optional<std::string_view> first_added;
    for (std::size_t k = 0; k < listed.size(); ++k) {
        if (!added.contains(listed[k]))
            continue;
        if (k == 0) {
            first_added = listed[k];
        } else {
            next_added.emplace(listed[k - 1], listed[k]);
        }
    }
    const std::set<std::string_view> is_listed(listed.begin(), listed.end());
    std::vector<std::string> ordered;
    ordered.reserve(wanted.size() + added.size());
    auto add_chain = [&](std::string_view from) {
        for (auto it = next_added.find(from); it != next_added.end(); it = next_added.find(from)) {
            from = it->second;
            next_added.erase(it);
            ordered.emplace_back(from);
        }
    };
    auto add_first = [&] {
        if (!first_added)
            return;
        ordered.emplace_back(*first_added);
        add_chain(*std::exchange(first_added, std::nullopt));
    };
    for (std::string& d : wanted) {
        if (is_listed.contains(d))
            add_first();
        ordered.push_back(std::move(d));
        add_chain(ordered.back());
    }
    add_first();
    return ordered;
}

}  // namespace pmr::plan::detail
