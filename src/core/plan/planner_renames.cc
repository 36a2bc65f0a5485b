#include <map>
#include <string_view>

#include "core/plan/planner_state.h"

namespace pmr::plan::detail {

namespace {

/// The name a rename goes through when it waits on another that waits on it (a swap).
constexpr std::string_view swap_prefix = "postfix-pmreconcile-swap-";

}  // namespace

void Planner::plan_renames() {
    std::map<std::string, std::string> pending;  // config directory -> wanted name
    std::map<std::string, const DesiredInstance*> desired_of;
    auto state = current();
    if (!state)
        return;
    for (const Target& t : present_targets()) {
        const Instance* i = find(*state, t.config_directory());
        if (i == nullptr)
            continue;
        desired_of[t.config_directory()] = t.desired;
        if (i->name != t.desired->name) {
            pending[t.config_directory()] = t.desired->name;
        } else if (t.desired->group && *t.desired->group != i->group) {
            assign(*i, std::nullopt, t.desired->group);
        }
    }
    int swaps = 0;
    while (!pending.empty() && !failed()) {
        state = current();
        if (!state)
            return;
        bool progressed = false;
        for (auto it = pending.begin(); it != pending.end();) {
            const Instance* holder = holder_of_name(*state, it->second);
            if (holder != nullptr && !pending.contains(holder->config_directory)) {
                fail_at(*desired_of[it->first],
                        "instance name '" + it->second + "' is used by the instance in " +
                            holder->config_directory + ", which the manifest does not rename");
                return;
            }
            if (holder == nullptr) {
                const Instance& i = *find(*state, it->first);
                assign(i, it->second, desired_of[it->first]->group);
                it = pending.erase(it);
                progressed = true;
                state = current();
                if (!state)
                    return;
            } else {
                ++it;
            }
        }
        if (!progressed) {
            const auto it = pending.begin();
            const Instance& i = *find(*state, it->first);
            assign(i, std::string(swap_prefix) + std::to_string(++swaps), std::nullopt);
        }
    }
}

void Planner::assign(const Instance& instance, const std::optional<std::string>& name,
                     const std::optional<std::string>& group) {
    Request r = request(Action::assign, instance.config_directory);
    std::vector<Change> changes;
    if (name && *name != instance.name) {
        r.new_name = *name;
        changes.push_back({"multi_instance_name", instance.name, *name});
    }
    if (group && *group != instance.group) {
        r.new_group = *group;
        changes.push_back({"multi_instance_group", instance.group, *group});
    }
    if (changes.empty())
        return;
    add_request_step(StepKind::assign, r, label(instance), std::move(changes));
}

}  // namespace pmr::plan::detail
