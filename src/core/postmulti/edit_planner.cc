#include "core/postmulti/edit_planner.h"

#include "core/postmulti/edit_steps.h"

namespace pmr::postmulti {

namespace {

using instance::Instance;
using instance::Selection;
using namespace steps;

/// select_existing_instance(): the instance `-i` names; for removal also not the primary and
/// not enabled.
std::variant<const Instance*, Fatal> select_existing(const instance::HostState& state,
                                                     const Request& request, bool removing) {
    if (request.selection.kind != Selection::Kind::name) {
        return postmulti_fatal("Select an instance via '-i name'");
    }
    for (const Instance& i : state.instances) {
        if (!request.selection.matches(i))
            continue;
        if (removing && i.primary)
            return postmulti_fatal("Cannot remove the primary instance");
        if (removing && i.enabled) {
            Fatal fatal = postmulti_fatal("Cannot remove enabled instances");
            fatal.remedy = "run 'pmreconcile disable " + i.label() + "' first";
            return fatal;
        }
        return &i;
    }
    return postmulti_fatal("No instance named " + request.selection.value);
}

/// destroy and deport.
EditPlan plan_remove(const EditContext& context, const Request& request, const Instance& target) {
    if (auto fatal = check_initialised(context.state))
        return refused(*fatal);
    const std::string& dir = target.config_directory;
    const std::string main_cf = dir + "/main.cf";
    const maincf::Edit remaining =
        set("multi_instance_directories", secondaries_list(context.state, "", 0, &target));
    EditPlan plan;
    plan.target_config_directory = dir;
    if (!context.host.is_regular_file(main_cf)) {
        if (request.action == Action::destroy) {
            return refused(script_fatal(main_cf + " file not found"));
        }
        // Deporting an instance whose files are already gone only forgets it.
        plan.operations.push_back(
            update_config_directories(context, remaining, dir, Alternate::drop));
        return plan;
    }
    // Through `postfix status` wherever a master ever ran (master.pid exists), not a lock test
    // of master.pid: the lock is free before a master that was just stopped has exited, and its
    // directories must outlive it.
    plan.operations.emplace_back(lifecycle::RequireStopped{dir, target.queue_directory});
    if (request.action == Action::deport) {
        plan.operations.push_back(
            update_config_directories(context, remaining, dir, Alternate::add));
        return plan;
    }
    plan.operations.push_back(update_config_directories(context, remaining, dir, Alternate::drop));
    plan.operations.emplace_back(
        lifecycle::RemoveQueueTree{target.queue_directory, target.data_directory});
    plan.operations.emplace_back(lifecycle::RemoveFile{dir + "/master.cf"});
    plan.operations.emplace_back(lifecycle::RemoveFile{main_cf});
    plan.operations.emplace_back(lifecycle::RemoveDirectory{dir});
    return plan;
}

/// enable, disable and assign.
EditPlan plan_update(const EditContext& context, const Request& request, const Instance& target) {
    std::vector<maincf::Edit> edits;
    if (request.action == Action::assign) {
        if (auto fatal = check_name_assignments(request))
            return refused(*fatal);
        edits = name_assignments(request, target.name, target.group);
        if (request.new_name && !edits.empty() && edits.front().name == "multi_instance_name" &&
            !request.new_name->empty()) {
            instance::ClaimRegistry claims = context.state.claims;
            const Status claimed =
                claims.claim(target.config_directory, "multi_instance_name", *request.new_name);
            if (!claimed) {
                return refused(postmulti_fatal(claimed.error()));
            }
        }
        if (edits.empty())
            return EditPlan{{}, std::nullopt, target.config_directory};
    } else {
        edits.push_back(
            set("multi_instance_enable", request.action == Action::enable ? "yes" : "no"));
    }
    if (auto fatal = check_initialised(context.state))
        return refused(*fatal);
    return EditPlan{{lifecycle::EditMainCf{target.config_directory + "/main.cf", std::move(edits)}},
                    std::nullopt,
                    target.config_directory};
}

}  // namespace

EditPlan plan_edit(const EditContext& context, const Request& request) {
    const std::string primary_main_cf = context.state.primary().config_directory + "/main.cf";
    switch (request.action) {
        case Action::init:
            return EditPlan{{lifecycle::EditMainCf{primary_main_cf,
                                                   {set("multi_instance_wrapper",
                                                        "${command_directory}/postmulti -p --"),
                                                    set("multi_instance_enable", "yes")}}},
                            std::nullopt,
                            context.state.primary().config_directory};
        case Action::create:
        case Action::import:
            return plan_add(context, request);
        case Action::destroy:
        case Action::deport:
        case Action::enable:
        case Action::disable:
        case Action::assign: {
            const bool removing =
                request.action == Action::destroy || request.action == Action::deport;
            auto selected = select_existing(context.state, request, removing);
            if (auto* fatal = std::get_if<Fatal>(&selected))
                return refused(*fatal);
            const Instance& target = *std::get<const Instance*>(selected);
            return removing ? plan_remove(context, request, target)
                            : plan_update(context, request, target);
        }
    }
    return refused(postmulti_fatal("unknown action"));
}

}  // namespace pmr::postmulti
