#include <algorithm>
#include <iterator>
#include <utility>
#include <variant>

#include "core/maincf/editor.h"
#include "core/plan/planner_state.h"

namespace pmr::plan::detail {

void Planner::fail(std::string message) {
    problems_.push_back(make_error(manifest_.path, 0, 0, std::move(message)));
}

void Planner::fail_at(const DesiredInstance& d, std::string message) {
    problems_.push_back(
        make_error(manifest_.path, d.position.line, d.position.column, std::move(message)));
}

std::shared_ptr<const HostState> Planner::current() {
    Diagnostics problems;
    auto state = host_.shared_state(problems);
    if (!state) {
        for (auto& p : problems)
            problems_.push_back(std::move(p));
    } else if (state != indexed_state_) {
        // Holding the state keeps its address from being reused by a later one.
        indexed_state_ = state;
        index_.emplace(*state);
    }
    return state;
}

const maincf::MainCf& Planner::main_cf_of(const std::string& config_directory) {
    static const maincf::MainCf empty;
    const maincf::MainCf* cf = host_.main_cf(config_directory + "/main.cf");
    return cf ? *cf : empty;
}

std::string Planner::label(const Instance& i) {
    if (i.primary)
        return "-";
    return i.name.empty() ? i.config_directory : i.name;
}

void Planner::add_step(StepKind kind, std::string instance, std::string config_directory,
                       std::vector<Change> changes, std::vector<Operation> operations,
                       bool defer_primary) {
    for (const Operation& op : operations) {
        if (defer_primary && edits_primary(op))
            continue;
        if (const Status applied = host_.apply(op); !applied) {
            fail(std::string(to_string(kind)) + " " + instance + ": " + applied.error());
            return;
        }
    }
    if (kind == StepKind::configure || kind == StepKind::assign) {
        edited_.insert(config_directory);
    }
    plan_.steps.push_back(Step{kind, std::move(instance), std::move(config_directory),
                               std::move(changes), std::move(operations)});
}

bool Planner::edits_primary(const Operation& op) const {
    const auto* edit = std::get_if<lifecycle::EditMainCf>(&op);
    return edit != nullptr && edit->path == primary_directory_ + "/main.cf";
}

bool Planner::add_request_step(StepKind kind, const Request& request, const std::string& instance,
                               std::vector<Change> changes) {
    const auto state = current();
    if (!state)
        return false;
    const effects_free_context context{*state, main_cf_of(primary_directory_), defaults_, host_,
                                       &prototypes_};
    const auto edit = postmulti::plan_edit(context.get(), request);
    if (edit.fatal) {
        fail(std::string(to_string(kind)) + " " + instance + ": " + edit.fatal->message);
        return false;
    }
    if (kind == StepKind::import) {
        // An imported main.cf has values of its own: show every line the import changes,
        // with the value it has now (a rename or regroup included), in every main.cf.
        std::ranges::move(main_cf_changes(edit.operations), std::back_inserter(changes));
    }
    add_step(kind, instance, edit.target_config_directory, std::move(changes), edit.operations);
    return true;
}

std::vector<Change> Planner::main_cf_changes(const std::vector<Operation>& operations) const {
    std::vector<Change> changes;
    for (const Operation& operation : operations) {
        const auto* op = std::get_if<lifecycle::EditMainCf>(&operation);
        if (op == nullptr)
            continue;
        static const maincf::MainCf no_file;
        const maincf::MainCf* found = host_.main_cf(op->path);
        const maincf::MainCf& cf = found != nullptr ? *found : no_file;
        for (const maincf::Edit& e : op->edits) {
            std::optional<std::string> before;
            if (auto value = cf.get(e.name))
                before = std::string(*value);
            std::optional<std::string> after = maincf::value_after(cf, e);
            if (before != after) {
                changes.push_back({e.name, std::move(before), std::move(after)});
            }
        }
    }
    return changes;
}

Request Planner::request(Action action, const std::string& config_directory) {
    Request r;
    r.mode = postmulti::Mode::edit;
    r.action = action;
    r.selection = instance::Selection::name(config_directory);
    return r;
}

const Instance* Planner::find(const HostState& state, const std::string& config_directory) const {
    if (index_ && index_->indexes(state))
        return index_->by_config_directory(config_directory);
    return state.find_by_config_directory(config_directory);  // an older state
}

const Instance* Planner::holder_of_name(const HostState& state, const std::string& name) const {
    if (index_ && index_->indexes(state))
        return index_->by_name(name);
    const auto it = std::ranges::find(state.instances, name, &Instance::name);
    return it == state.instances.end() ? nullptr : &*it;
}

std::vector<std::reference_wrapper<const Target>> Planner::present_targets() const {
    std::vector<std::reference_wrapper<const Target>> present;
    present.reserve(targets_.size());
    for (const Target& t : targets_) {
        if (t.desired->state == DesiredState::present)
            present.push_back(t);
    }
    return present;
}

}  // namespace pmr::plan::detail
