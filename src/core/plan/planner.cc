#include "core/plan/planner.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <utility>

#include "core/instance/instance_index.h"
#include "core/lifecycle/destroy_guard.h"
#include "core/maincf/configuration.h"
#include "core/manifest/directories.h"
#include "core/manifest/validator.h"
#include "core/plan/service_changes.h"
#include "core/postmulti/edit_planner.h"

namespace pmr::plan {

namespace {

using instance::HostState;
using instance::Instance;
using instance::InstanceIndex;
using lifecycle::Operation;
using manifest::DesiredInstance;
using manifest::DesiredState;
using postmulti::Action;
using postmulti::Request;

constexpr std::string_view swap_prefix = "postfix-pmreconcile-swap-";

/// A manifest entry with the directories it means (manifest::directories_of()).
struct Target {
    const DesiredInstance* desired;
    std::optional<manifest::Directories> directories;  ///< nullopt: it means no instance

    /// The config directory that identifies the instance, "" when there is none.
    [[nodiscard]] const std::string& config_directory() const {
        static const std::string none;
        return directories ? directories->config_directory : none;
    }
};

class Planner {
  public:
    Planner(const manifest::Manifest& manifest, lifecycle::SimulatedHost& host,
            const maincf::ParameterDefaults& defaults, const std::vector<lifecycle::OwedWork>& owed)
        : manifest_(manifest), host_(host), defaults_(defaults) {
        for (const lifecycle::OwedWork& work : owed)
            owed_reloads_.insert(work.config_directory);
    }

    PlanResult run() {
        const auto initial = current();
        if (!initial)
            return finish();
        primary_directory_ = initial->primary().config_directory;
        for (const std::string& d : initial->secondary_directories())
            listed_before_.insert(d);
        // Each phase plans on the host that the phases before it leave: after a failure that is
        // not the host apply would reach, so planning stops after the first phase that fails.
        const std::function<void()> phases[] = {[&] { resolve_targets(*initial); },
                                                [&] { plan_init(*initial); },
                                                [&] { plan_removals(); },
                                                [&] { plan_disables(); },
                                                [&] { plan_renames(); },
                                                [&] { plan_additions(); },
                                                [&] { plan_parameters(); },
                                                [&] { plan_order(); },
                                                [&] { plan_enables(); },
                                                [&] { plan_reloads(); },
                                                [&] { note_possible_renames(*initial); }};
        for (const std::function<void()>& phase : phases) {
            phase();
            if (failed())
                break;
        }
        return finish();
    }

  private:
    // --- helpers -------------------------------------------------------------------------

    PlanResult finish() {
        PlanResult result;
        result.problems = std::move(problems_);
        if (!has_errors(result.problems))
            result.plan = std::move(plan_);
        return result;
    }

    void fail(std::string message) {
        problems_.push_back(make_error(manifest_.path, 0, 0, std::move(message)));
    }
    void fail_at(const DesiredInstance& d, std::string message) {
        problems_.push_back(
            make_error(manifest_.path, d.position.line, d.position.column, std::move(message)));
    }

    /// The simulated host's instances now (shared: unchanged until the next step is applied).
    std::shared_ptr<const HostState> current() {
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

    const maincf::MainCf& main_cf_of(const std::string& config_directory) {
        static const maincf::MainCf empty;
        const maincf::MainCf* cf = host_.main_cf(config_directory + "/main.cf");
        return cf ? *cf : empty;
    }

    static std::string label(const Instance& i) {
        if (i.primary)
            return "-";
        return i.name.empty() ? i.config_directory : i.name;
    }

    /// Applies operations to the simulated host and records the step. With `defer_primary`,
    /// the edits of the primary's main.cf are left for settle() to apply.
    void add_step(StepKind kind, std::string instance, std::string config_directory,
                  std::vector<Change> changes, std::vector<Operation> operations,
                  bool defer_primary = false) {
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

    bool edits_primary(const Operation& op) const {
        const auto* edit = std::get_if<lifecycle::EditMainCf>(&op);
        return edit != nullptr && edit->path == primary_directory_ + "/main.cf";
    }

    /// Plans one postmulti request against the current simulated state and records it.
    bool add_request_step(StepKind kind, const Request& request, const std::string& instance,
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

    /// The main.cf lines the EditMainCf operations among `operations` change, each with its
    /// value now and after; lines an edit leaves as they are are left out.
    std::vector<Change> main_cf_changes(const std::vector<Operation>& operations) const {
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

    /// Bundles what postmulti's planner reads.
    struct effects_free_context {
        const HostState& state;
        const maincf::MainCf& primary;
        const maincf::ParameterDefaults& defaults;
        const lifecycle::HostView& view;
        postmulti::PrototypeCache* prototypes = nullptr;
        postmulti::EditContext get() const { return {state, primary, defaults, view, prototypes}; }
    };

    static Request request(Action action, const std::string& config_directory) {
        Request r;
        r.mode = postmulti::Mode::edit;
        r.action = action;
        r.selection = instance::Selection::name(config_directory);
        return r;
    }

    /// The instance in `config_directory` of `state`: through the index of the newest state, by
    /// a scan in an older one that a phase still holds.
    const Instance* find(const HostState& state, const std::string& config_directory) const {
        if (index_ && index_->indexes(state))
            return index_->by_config_directory(config_directory);
        return state.find_by_config_directory(config_directory);  // an older state
    }

    /// The instance of `state` named `name`, or nullptr.
    const Instance* holder_of_name(const HostState& state, const std::string& name) const {
        if (index_ && index_->indexes(state))
            return index_->by_name(name);
        const auto it = std::ranges::find(state.instances, name, &Instance::name);
        return it == state.instances.end() ? nullptr : &*it;
    }

    // --- the phases ----------------------------------------------------------------------

    void resolve_targets(const HostState& state) {
        const manifest::Directories primary = manifest::directories_of(state.primary());
        for (const DesiredInstance& d : manifest_.instances)
            targets_.push_back(Target{&d, manifest::directories_of(d, primary, &*index_)});
        // Two entries that mean one instance (one by its name on the host, the other by its
        // config directory) would each undo what the other plans.
        std::unordered_map<std::string_view, const DesiredInstance*> first_meaning;
        for (const Target& t : targets_) {
            if (t.config_directory().empty())
                continue;
            const auto [first, inserted] =
                first_meaning.try_emplace(t.config_directory(), t.desired);
            if (inserted)
                continue;
            fail_at(*t.desired, t.desired->name + ": the instance in " + t.config_directory() +
                                    " is also meant by the entry of " + first->second->name +
                                    " at line " + std::to_string(first->second->position.line));
        }
    }

    bool wants_instances() const {
        return std::ranges::any_of(
            targets_, [](const Target& t) { return t.desired->state == DesiredState::present; });
    }

    void plan_init(const HostState& state) {
        if (!wants_instances())
            return;
        if (!state.multi_instance_wrapper.empty() && state.multi_instance_enable == "yes")
            return;
        const maincf::MainCf& primary = main_cf_of(primary_directory_);
        auto before = [&](std::string_view name) -> std::optional<std::string> {
            if (auto v = primary.get(name))
                return std::string(*v);
            return std::nullopt;
        };
        Request r;
        r.mode = postmulti::Mode::edit;
        r.action = Action::init;
        std::vector<Change> changes;
        for (Change c : {Change{"multi_instance_wrapper", before("multi_instance_wrapper"),
                                "${command_directory}/postmulti -p --"},
                         Change{"multi_instance_enable", before("multi_instance_enable"), "yes"}}) {
            if (c.before != c.after)
                changes.push_back(std::move(c));  // only what changes
        }
        add_request_step(StepKind::init, r, "-", std::move(changes));
    }

    /// Stops (if running) and disables (if enabled) an instance.
    void quiesce(const Instance& instance) {
        if (host_.facts(instance.config_directory).running) {
            add_step(StepKind::stop, label(instance), instance.config_directory, {},
                     {lifecycle::RunPostfix{instance.config_directory,
                                            lifecycle::PostfixCommand::stop}});
        }
        if (instance.enabled) {
            add_request_step(StepKind::disable, request(Action::disable, instance.config_directory),
                             label(instance), {{"multi_instance_enable", "yes", "no"}});
        }
    }

    void remove(const Instance& instance, bool destroy) {
        const auto facts = host_.facts(instance.config_directory);
        if (const Status empty = lifecycle::check_queue_empty(facts.queued_messages);
            destroy && !empty) {
            plan_.refusals.push_back(
                Refusal{label(instance), instance.config_directory, empty.error()});
            return;
        }
        quiesce(instance);
        const auto state = current();
        if (!state)
            return;
        const Instance* now = find(*state, instance.config_directory);
        if (now == nullptr)
            return;
        if (destroy) {
            const std::vector<Operation> runtime_leftovers = runtime_files_of(instance);
            // The queue is checked again just before the step: mail may arrive after planning.
            const auto context =
                effects_free_context{*state, main_cf_of(primary_directory_), defaults_, host_};
            auto edit = postmulti::plan_edit(context.get(),
                                             request(Action::destroy, instance.config_directory));
            if (edit.fatal) {
                fail("destroy " + label(instance) + ": " + edit.fatal->message);
                return;
            }
            lifecycle::guard_destroy(
                edit.operations,
                lifecycle::RequireEmptyQueue{instance.config_directory, instance.queue_directory,
                                             label(instance)});
            // What the stopped instance left (sockets, pid and lock files, never mail) goes
            // before its directories, or rmdir would leave them behind.
            const auto tree = std::ranges::find_if(edit.operations, [](const Operation& op) {
                return std::holds_alternative<lifecycle::RemoveQueueTree>(op);
            });
            edit.operations.insert(tree, runtime_leftovers.begin(), runtime_leftovers.end());
            add_step(StepKind::destroy, label(instance), instance.config_directory, {},
                     std::move(edit.operations));
        } else {
            add_request_step(
                StepKind::deport, request(Action::deport, instance.config_directory),
                label(instance),
                {{"alternate_config_directories", std::nullopt, instance.config_directory}});
        }
    }

    /// Removals of the run-time files (sockets and FIFOs in public/ and private/, lock files
    /// in pid/, master.lock and prng_exch in the data directory) that the snapshot found in an
    /// instance to destroy.
    std::vector<Operation> runtime_files_of(const Instance& instance) const {
        std::vector<Operation> removals;
        auto directly_in = [](const std::string& path, const std::string& directory) {
            return path.size() > directory.size() + 1 && path.starts_with(directory + "/") &&
                   path.find('/', directory.size() + 1) == std::string::npos;
        };
        for (const auto& [path, content] : host_.file_map()) {
            const bool runtime = directly_in(path, instance.queue_directory + "/pid") ||
                                 directly_in(path, instance.queue_directory + "/public") ||
                                 directly_in(path, instance.queue_directory + "/private") ||
                                 path == instance.data_directory + "/master.lock" ||
                                 path == instance.data_directory + "/prng_exch";
            if (runtime)
                removals.emplace_back(lifecycle::RemoveFile{path});
        }
        return removals;
    }

    void plan_removals() {
        const auto state = current();
        if (!state)
            return;
        std::set<std::string> listed;
        for (const Target& t : targets_)
            listed.insert(t.config_directory());
        for (const Target& t : targets_) {
            if (t.desired->state != DesiredState::absent)
                continue;
            if (const Instance* i = find(*state, t.config_directory()); i && !i->primary) {
                remove(*i, true);
            }
        }
        if (manifest_.unmanaged == manifest::Unmanaged::keep)
            return;
        for (const Instance& i : state->instances) {
            if (i.primary || listed.contains(i.config_directory))
                continue;
            remove(i, manifest_.unmanaged == manifest::Unmanaged::destroy);
        }
    }

    void plan_disables() {
        for (const Target& t : present_targets()) {
            const auto state = current();
            if (!state)
                return;
            const Instance* i = find(*state, t.config_directory());
            if (i && t.desired->enable == false && i->enabled)
                quiesce(*i);
        }
    }

    std::vector<Target> present_targets() const {
        std::vector<Target> present;
        for (const Target& t : targets_) {
            if (t.desired->state == DesiredState::present)
                present.push_back(t);
        }
        return present;
    }

    /// Renames and regroups. A rename waits until its new name is free; when every waiting
    /// rename waits on another (a swap), one goes through a temporary name first.
    void plan_renames() {
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

    bool failed() const { return has_errors(problems_); }

    void assign(const Instance& instance, const std::optional<std::string>& name,
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

    /// The host's state during a run of creates, kept by appending each new instance rather
    /// than read again from every main.cf after each: planning N new instances read N states of
    /// up to N instances each. `index` points into `state`, whose instances never move (room
    /// for every target is reserved). Each create edits the primary's multi_instance_directories;
    /// the simulated host gets these edits composed into one, from settle(), rather than
    /// rewriting and parsing again a main.cf that grows with each.
    struct Additions {
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

    /// Ends a run of creates: the simulated host gets the primary edit it still lacks.
    void settle(std::unique_ptr<Additions>& run) {
        if (run)
            apply_unapplied(*run);
        run.reset();
    }

    /// Adds the edits of the primary that step `step` makes to those `run` defers; one that
    /// does not compose with them has them applied first.
    void defer(Additions& run, std::size_t step) {
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

    void apply_unapplied(Additions& run) {
        if (!run.unapplied)
            return;
        const Step& step = plan_.steps[run.unapplied_step];
        const lifecycle::EditMainCf edit{primary_directory_ + "/main.cf",
                                         {std::move(*run.unapplied)}};
        run.unapplied.reset();
        if (const Status applied = host_.apply(edit); !applied) {
            fail(std::string(to_string(step.kind)) + " " + step.instance + ": " + applied.error());
        }
    }

    /// Whether appending instances to `state` reads as the simulated host would read it: true
    /// unless another primary parameter refers to multi_instance_directories, whose value the
    /// creates change.
    bool may_keep_additions() const {
        const maincf::MainCf* primary = host_.main_cf(primary_directory_ + "/main.cf");
        if (primary == nullptr)
            return false;
        return std::ranges::none_of(primary->definitions(), [](const maincf::Definition& d) {
            return d.name != "multi_instance_directories" &&
                   d.value.find("multi_instance_directories") != std::string_view::npos;
        });
    }

    /// Whether `operations` change the primary's main.cf only by multi_instance_directories (not
    /// alternate_config_directories, say), so that the new instance is all the state gains.
    bool lists_only(const std::vector<Operation>& operations) const {
        const std::string primary = primary_directory_ + "/main.cf";
        return std::ranges::all_of(operations, [&](const Operation& op) {
            const auto* edit = std::get_if<lifecycle::EditMainCf>(&op);
            return edit == nullptr || edit->path != primary ||
                   std::ranges::all_of(edit->edits, [](const maincf::Edit& e) {
                       return e.name == "multi_instance_directories";
                   });
        });
    }

    /// A create step planned against `run`, which then holds the new instance too. False when
    /// the step failed or `run` can no longer follow the host (the caller reads the host again).
    bool add_create_step(const Request& r, const std::string& name, std::vector<Change> changes,
                         Additions& run) {
        const effects_free_context context{run.state, main_cf_of(primary_directory_), defaults_,
                                           host_, &prototypes_};
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

    void plan_additions() {
        std::unique_ptr<Additions> run;
        plan_additions(run);
        settle(run);
    }

    void plan_additions(std::unique_ptr<Additions>& run) {
        const std::vector<Target> targets = present_targets();
        for (const Target& t : targets) {
            std::shared_ptr<const HostState> read;
            if (!run) {
                read = current();
                if (!read)
                    return;
            }
            const HostState& state = run ? run->state : *read;
            const bool exists =
                run ? run->index.by_config_directory(t.config_directory()) != nullptr
                    : find(state, t.config_directory()) != nullptr;
            if (exists)
                continue;
            const DesiredInstance& d = *t.desired;
            const Instance* holder =
                run ? run->index.by_name(d.name) : holder_of_name(state, d.name);
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

    /// An import step; an imported main.cf may enable the instance, which `enable: false` then
    /// disables, as the disables before could not. False when planning must stop.
    bool add_import_step(Request& r, const DesiredInstance& d, const std::string& config_directory,
                         std::vector<Change> changes) {
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

    /// The queue and data directories of a new instance.
    static void add_directories(Request& r, std::vector<Change>& changes,
                                const manifest::Directories& directories) {
        r.new_directories.queue_directory = directories.queue_directory;
        r.new_directories.data_directory = directories.data_directory;
        changes.push_back({"queue_directory", std::nullopt, directories.queue_directory});
        changes.push_back({"data_directory", std::nullopt, directories.data_directory});
    }

    /// Parameter edits for one main.cf and service edits for its master.cf; a `configure` step
    /// when anything differs.
    void configure(const std::string& instance, const std::string& config_directory,
                   const std::vector<manifest::Parameter>& parameters,
                   const std::vector<manifest::DesiredService>& services) {
        const maincf::MainCf& cf = main_cf_of(config_directory);
        std::vector<maincf::Edit> edits;
        std::vector<Change> changes;
        for (const manifest::Parameter& p : parameters) {
            std::optional<std::string> before;
            if (auto v = cf.get(p.name))
                before = std::string(*v);
            if (before == p.value)
                continue;
            edits.push_back(p.value ? maincf::Edit{maincf::EditKind::set, p.name, *p.value}
                                    : maincf::Edit{maincf::EditKind::remove, p.name, {}});
            changes.push_back({p.name, before, p.value});
        }
        std::vector<Operation> operations;
        if (!edits.empty())
            operations.emplace_back(
                lifecycle::EditMainCf{config_directory + "/main.cf", std::move(edits)});
        if (!services.empty() && !plan_master_cf(host_, config_directory, services, manifest_.path,
                                                 changes, operations, problems_)) {
            return;
        }
        if (operations.empty())
            return;
        add_step(StepKind::configure, instance, config_directory, std::move(changes),
                 std::move(operations));
    }

    void plan_parameters() {
        configure("-", primary_directory_, manifest_.primary_parameters,
                  manifest_.primary_services);
        for (const Target& t : present_targets()) {
            const auto state = current();
            if (!state)
                return;
            const Instance* i = find(*state, t.config_directory());
            if (i == nullptr)
                continue;
            const DesiredInstance& d = *t.desired;
            for (auto [key, wanted, actual] :
                 {std::tuple{"queue_directory", &d.queue_directory, &i->queue_directory},
                  std::tuple{"data_directory", &d.data_directory, &i->data_directory}}) {
                std::string directory;
                if (!*wanted)
                    continue;
                directory = manifest::clean_directory(**wanted);
                if (directory != *actual) {
                    fail_at(d, d.name + ": changing " + key + " of an existing instance (from " +
                                   *actual + " to " + directory +
                                   ") is not supported: stop it and move the directory by hand");
                }
            }
            configure(d.name, t.config_directory(), d.parameters, d.services);
        }
    }

    void plan_order() {
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

    /// multi_instance_directories as the manifest orders them (pmreconcile.yaml(5), "ORDER"):
    /// the places that the `listed` instances which were already there hold in `actual` are
    /// filled by them in `listed`'s (the manifest's) order, and every other instance (unlisted,
    /// or a refused removal) keeps its place. Then each `added` instance goes right after the
    /// instance listed before it in the manifest; the first listed, right before the first
    /// listed instance, or at the end (where postmulti puts a new one) when there is none.
    static std::vector<std::string> ordered_directories(const std::vector<std::string>& actual,
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
            for (auto it = next_added.find(from); it != next_added.end();
                 it = next_added.find(from)) {
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

    void plan_enables() {
        for (const Target& t : present_targets()) {
            if (failed())
                return;
            const auto state = current();
            if (!state)
                return;
            const Instance* i = find(*state, t.config_directory());
            if (i && t.desired->enable == true && !i->enabled) {
                add_request_step(StepKind::enable, request(Action::enable, t.config_directory()),
                                 label(*i), {{"multi_instance_enable", "no", "yes"}});
            }
        }
    }

    void plan_reloads() {
        const auto state = current();
        if (!state)
            return;
        for (const Instance& i : state->instances) {
            const bool edited = edited_.contains(i.config_directory);
            const bool owed = owed_reloads_.contains(i.config_directory);
            if (!edited && !owed)
                continue;
            if (!host_.facts(i.config_directory).running)
                continue;
            add_step(
                StepKind::reload, label(i), i.config_directory, {},
                {lifecycle::RunPostfix{i.config_directory, lifecycle::PostfixCommand::reload}});
            if (owed)
                note_owed_reload(i);
        }
    }

    /// Why a reload is planned that this plan's own changes may not call for.
    void note_owed_reload(const Instance& i) {
        const std::string who =
            i.primary
                ? "the primary instance (" + i.config_directory + ")"
                : (i.name.empty() ? i.config_directory : i.name + " (" + i.config_directory + ")");
        plan_.notes.push_back(who +
                              " still owes a reload: an earlier apply changed its configuration "
                              "and stopped before the reload succeeded.");
    }

    /// When the plan creates instances while the host has secondaries the manifest does not
    /// list, a note for each: an entry renamed without its config_directory (postfix-out to
    /// postfix-relay) creates a second instance, and the old one stays.
    void note_possible_renames(const HostState& initial) {
        std::vector<std::string> created;
        for (const Step& step : plan_.steps) {
            if (step.kind == StepKind::create)
                created.push_back(step.instance);
        }
        if (created.empty())
            return;
        std::set<std::string> listed;
        for (const Target& t : targets_)
            listed.insert(t.config_directory());
        for (const Instance& i : initial.instances) {
            if (i.primary || listed.contains(i.config_directory))
                continue;
            const std::string who = i.name.empty() ? "the instance in " + i.config_directory
                                                   : i.name + " (" + i.config_directory + ")";
            std::string instead = created.front();
            for (std::size_t k = 1; k < created.size(); ++k) {
                instead += (k + 1 == created.size() ? " or " : ", ") + created[k];
            }
            plan_.notes.push_back(
                who + " is on the host but not in the manifest; to rename it instead of creating " +
                instead + ", give " + (created.size() == 1 ? "" : "that entry ") +
                "config_directory: " + i.config_directory + ".");
        }
    }

    const manifest::Manifest& manifest_;
    lifecycle::SimulatedHost& host_;
    const maincf::ParameterDefaults& defaults_;
    std::string primary_directory_;
    std::vector<Target> targets_;
    std::shared_ptr<const HostState> indexed_state_;  ///< the newest state, which index_ indexes
    std::optional<InstanceIndex> index_;
    std::set<std::string> edited_;
    std::set<std::string> owed_reloads_;    ///< config directories an earlier apply left owing
    std::set<std::string> listed_before_;   ///< multi_instance_directories before the plan
    postmulti::PrototypeCache prototypes_;  ///< what each create starts its main.cf from
    Plan plan_;
    Diagnostics problems_;
};

}  // namespace

PlanResult make_plan(const manifest::Manifest& manifest, lifecycle::SimulatedHost host,
                     const maincf::ParameterDefaults& defaults,
                     const std::vector<lifecycle::OwedWork>& owed) {
    return Planner(manifest, host, defaults, owed).run();
}

}  // namespace pmr::plan
