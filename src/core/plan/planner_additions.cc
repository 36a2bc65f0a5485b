#include <algorithm>
#include <utility>
#include <variant>

#include "core/maincf/editor.h"
#include "core/plan/planner_state.h"

namespace pmr::plan::detail {

/// The host's state during a run of creates, kept by appending each new instance rather
/// than read again from every main.cf after each: planning N new instances read N states of
/// up to N instances each. `index` points into `state`, whose instances never move (room
/// for every target is reserved). Each create edits the primary's multi_instance_directories;
/// the simulated host gets these edits composed into one, from settle(), rather than
/// rewriting and parsing again a main.cf that grows with each.
struct Planner::Additions {
    Additions(const HostState& from, std::size_t room)
        : state(with_room(from, room)), index(state) {}
    Additions(const Additions&) = delete;  // `index` points into `state`
    Additions& operator=(const Additions&) = delete;

    static HostState with_room(const HostState& from, std::size_t room) {
        HostState state = from;
        state.instances.reserve(state.instances.size() + room);
        return state;
    }

    HostState state;
    InstanceIndex index;
    /// The edit of the primary that the simulated host lacks: those of the run's steps
    /// composed (compose_edits()), and the last step it comes from.
    std::optional<maincf::Edit> unapplied;
    std::size_t unapplied_step = 0;
};

void Planner::settle(std::unique_ptr<Additions>& run) {
    if (run)
        apply_unapplied(*run);
    run.reset();
}

void Planner::defer(Additions& run, std::size_t step) {
    for (const Operation& operation : plan_.steps[step].operations) {
        if (!edits_primary(operation))
            continue;
        for (const maincf::Edit& e : std::get<lifecycle::EditMainCf>(operation).edits) {
            if (!run.unapplied || !maincf::compose_edits(*run.unapplied, e)) {
                apply_unapplied(run);
                run.unapplied = e;
            }
            run.unapplied_step = step;
        }
    }
}

void Planner::apply_unapplied(Additions& run) {
    if (!run.unapplied)
        return;
    const Step& step = plan_.steps[run.unapplied_step];
    const lifecycle::EditMainCf edit{primary_directory_ + "/main.cf", {std::move(*run.unapplied)}};
    run.unapplied.reset();
    if (const Status applied = host_.apply(edit); !applied) {
        fail(std::string(to_string(step.kind)) + " " + step.instance + ": " + applied.error());
    }
}

bool Planner::may_keep_additions() const {
    const maincf::MainCf* primary = host_.main_cf(primary_directory_ + "/main.cf");
    if (primary == nullptr)
        return false;
    return std::ranges::none_of(primary->definitions(), [](const maincf::Definition& d) {
        return d.name != "multi_instance_directories" &&
               d.value.find("multi_instance_directories") != std::string_view::npos;
    });
}

bool Planner::lists_only(const std::vector<Operation>& operations) const {
    const std::string primary = primary_directory_ + "/main.cf";
    return std::ranges::all_of(operations, [&](const Operation& op) {
        const auto* edit = std::get_if<lifecycle::EditMainCf>(&op);
        return edit == nullptr || edit->path != primary ||
               std::ranges::all_of(edit->edits, [](const maincf::Edit& e) {
                   return e.name == "multi_instance_directories";
               });
    });
}

bool Planner::add_create_step(const Request& r, const std::string& name,
                              std::vector<Change> changes, Additions& run) {
    const effects_free_context context{run.state, main_cf_of(primary_directory_), defaults_, host_,
                                       &prototypes_};
    auto edit = postmulti::plan_edit(context.get(), r);
    if (edit.fatal) {
        fail("create " + name + ": " + edit.fatal->message);
        return false;
    }
    const bool followed = lists_only(edit.operations);
    if (!followed)
        apply_unapplied(run);  // this step's edit of the primary goes after it
    const std::size_t steps = plan_.steps.size();
    const std::string directory = edit.target_config_directory;
    add_step(StepKind::create, name, edit.target_config_directory, std::move(changes),
             std::move(edit.operations), followed);
    if (plan_.steps.size() == steps || !followed)
        return false;
    defer(run, steps);
    Diagnostics problems;
    auto record = host_.secondary(directory, problems);
    if (!record || !problems.empty())
        return false;
    if (!instance::append_secondary(run.state, std::move(*record), problems))
        return false;
    run.index.add(run.state.instances.back());
    return true;
}

void Planner::plan_additions() {
    std::unique_ptr<Additions> run;
    plan_additions(run);
    settle(run);
}

void Planner::plan_additions(std::unique_ptr<Additions>& run) {
    const auto targets = present_targets();
    for (const Target& t : targets) {
        std::shared_ptr<const HostState> read;
        if (!run) {
            read = current();
            if (!read)
                return;
        }
        const HostState& state = run ? run->state : *read;
        const bool exists = run ? run->index.by_config_directory(t.config_directory()) != nullptr
                                : find(state, t.config_directory()) != nullptr;
        if (exists)
            continue;
        const DesiredInstance& d = *t.desired;
        const Instance* holder = run ? run->index.by_name(d.name) : holder_of_name(state, d.name);
        if (holder != nullptr) {
            fail_at(d, "instance name '" + d.name + "' is used by the instance in " +
                           holder->config_directory + ", which the manifest does not rename");
            return;
        }
        const bool complete = host_.is_regular_file(t.config_directory() + "/main.cf") &&
                              host_.is_regular_file(t.config_directory() + "/master.cf");
        Request r;
        r.mode = postmulti::Mode::edit;
        r.new_name = d.name;
        // An imported main.cf may set a group that `group: ""` clears.
        if (d.group && (!d.group->empty() || complete))
            r.new_group = *d.group;
        r.new_directories.config_directory = t.config_directory();
        if (complete) {
            settle(run);
            if (!add_import_step(r, d, t.config_directory(),
                                 {{"config_directory", std::nullopt, t.config_directory()}})) {
                return;
            }
            continue;
        }
        r.action = Action::create;
        std::vector<Change> changes{{"multi_instance_name", std::nullopt, d.name},
                                    {"config_directory", std::nullopt, t.config_directory()}};
        if (r.new_group) {
            changes.push_back({"multi_instance_group", std::nullopt, *r.new_group});
        }
        add_directories(r, changes, *t.directories);
        if (!run && may_keep_additions())
            run = std::make_unique<Additions>(state, targets.size());
        if (run) {
            if (!add_create_step(r, d.name, std::move(changes), *run))
                settle(run);
        } else {
            add_request_step(StepKind::create, r, d.name, std::move(changes));
        }
    }
}

bool Planner::add_import_step(Request& r, const DesiredInstance& d,
                              const std::string& config_directory, std::vector<Change> changes) {
    r.action = Action::import;
    if (!add_request_step(StepKind::import, r, d.name, std::move(changes)))
        return false;
    const auto imported = current();
    if (!imported)
        return false;
    const Instance* i = find(*imported, config_directory);
    if (i && d.enable == false && i->enabled)
        quiesce(*i);
    return true;
}

void Planner::add_directories(Request& r, std::vector<Change>& changes,
                              const manifest::Directories& directories) {
    r.new_directories.queue_directory = directories.queue_directory;
    r.new_directories.data_directory = directories.data_directory;
    changes.push_back({"queue_directory", std::nullopt, directories.queue_directory});
    changes.push_back({"data_directory", std::nullopt, directories.data_directory});
}

}  // namespace pmr::plan::detail
