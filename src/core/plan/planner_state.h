#pragma once

// The planner behind make_plan() (planner.h), shared by the files that define its phases:
// planner.cc (the run, targets, init), planner_steps.cc (recording steps, reading the simulated
// host), planner_removals.cc, planner_renames.cc, planner_additions.cc, planner_configuration.cc,
// planner_order.cc, planner_reloads.cc (enables), planner_running.cc (stops, reloads, restarts,
// starts) and planner_notes.cc. Not for use
// outside src/core/plan.

#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/instance/instance_index.h"
#include "core/manifest/directories.h"
#include "core/plan/planner.h"
#include "core/postmulti/edit_planner.h"

namespace pmr::plan::detail {

using instance::HostState;
using instance::Instance;
using instance::InstanceIndex;
using lifecycle::Operation;
using manifest::DesiredInstance;
using manifest::DesiredState;
using postmulti::Action;
using postmulti::Request;

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

/// Plans, phase after phase, the steps that make `host` match `manifest` (make_plan()), applying
/// each step to `host` as it goes.
class Planner {
  public:
    Planner(const manifest::Manifest& manifest, lifecycle::SimulatedHost& host,
            const maincf::ParameterDefaults& defaults,
            const std::vector<lifecycle::OwedWork>& owed);

    /// Runs every phase, stopping after the first that fails; the plan, or the problems.
    PlanResult run();

  private:
    /// Bundles what postmulti's planner reads.
    struct effects_free_context {
        const HostState& state;
        const maincf::MainCf& primary;
        const maincf::ParameterDefaults& defaults;
        const lifecycle::HostView& view;
        postmulti::PrototypeCache* prototypes = nullptr;
        postmulti::EditContext get() const { return {state, primary, defaults, view, prototypes}; }
    };

    /// The host's state during a run of creates (planner_additions.cc).
    struct Additions;

    // --- the run, the targets, init (planner.cc) ------------------------------------------

    /// The plan made so far, or the problems when there is an error among them.
    PlanResult finish();
    /// Pairs each manifest entry with the directories it means; two entries that mean one
    /// instance are an error.
    void resolve_targets(const HostState& state);
    /// Whether the manifest wants any instance present.
    bool wants_instances() const;
    /// An init step when the manifest wants instances and the primary is not set up for them.
    void plan_init(const HostState& state);

    // --- recording steps, reading the simulated host (planner_steps.cc) -------------------

    bool failed() const { return has_errors(problems_); }
    /// Records an error at the manifest.
    void fail(std::string message);
    /// Records an error at the manifest entry `d`.
    void fail_at(const DesiredInstance& d, std::string message);
    /// The simulated host's instances now (shared: unchanged until the next step is applied).
    std::shared_ptr<const HostState> current();
    /// The main.cf in `config_directory`, empty when there is none.
    const maincf::MainCf& main_cf_of(const std::string& config_directory);
    /// How steps name `i`: "-" for the primary, else its name or its config directory.
    static std::string label(const Instance& i);
    /// Applies operations to the simulated host and records the step. With `defer_primary`,
    /// the edits of the primary's main.cf are left for settle() to apply.
    void add_step(StepKind kind, std::string instance, std::string config_directory,
                  std::vector<Change> changes, std::vector<Operation> operations,
                  bool defer_primary = false);
    /// Whether `op` edits the primary's main.cf.
    bool edits_primary(const Operation& op) const;
    /// Plans one postmulti request against the current simulated state and records it.
    bool add_request_step(StepKind kind, const Request& request, const std::string& instance,
                          std::vector<Change> changes);
    /// The main.cf lines the EditMainCf operations among `operations` change, each with its
    /// value now and after; lines an edit leaves as they are are left out.
    std::vector<Change> main_cf_changes(const std::vector<Operation>& operations) const;
    /// A postmulti edit-mode request of `action` for the instance in `config_directory`.
    static Request request(Action action, const std::string& config_directory);
    /// The instance in `config_directory` of `state`: through the index of the newest state, by
    /// a scan in an older one that a phase still holds.
    const Instance* find(const HostState& state, const std::string& config_directory) const;
    /// The instance of `state` named `name`, or nullptr.
    const Instance* holder_of_name(const HostState& state, const std::string& name) const;
    /// The targets the manifest wants present, in manifest order (referred to, not copied: six
    /// phases ask, and copying 1,000 targets' directories each time was 18,000 allocations).
    std::vector<std::reference_wrapper<const Target>> present_targets() const;

    // --- removals and disables (planner_removals.cc) --------------------------------------

    /// Stops (if running) and disables (if enabled) an instance.
    void quiesce(const Instance& instance);
    /// Quiesces `instance`, then destroys it (refused while its queue holds mail) or, when not
    /// `destroy`, deports it.
    void remove(const Instance& instance, bool destroy);
    /// Removals of the run-time files (sockets and FIFOs in public/ and private/, lock files
    /// in pid/, master.lock and prng_exch in the data directory) that the snapshot found in an
    /// instance to destroy.
    std::vector<Operation> runtime_files_of(const Instance& instance) const;
    /// Removes the instances the manifest wants absent, and the unlisted ones as `unmanaged`
    /// says.
    void plan_removals();
    /// Quiesces the instances the manifest wants present but not enabled.
    void plan_disables();

    // --- renames and regroups (planner_renames.cc) ----------------------------------------

    /// Renames and regroups. A rename waits until its new name is free; when every waiting
    /// rename waits on another (a swap), one goes through a temporary name first.
    void plan_renames();
    /// An assign step giving `instance` the `name` and `group` that differ from its own.
    void assign(const Instance& instance, const std::optional<std::string>& name,
                const std::optional<std::string>& group);

    // --- creates and imports (planner_additions.cc) ---------------------------------------

    /// Creates or imports each instance the manifest wants present that the host lacks.
    void plan_additions();
    /// plan_additions(), keeping `run` while creates follow one another.
    void plan_additions(std::unique_ptr<Additions>& run);
    /// Ends a run of creates: the simulated host gets the primary edit it still lacks.
    void settle(std::unique_ptr<Additions>& run);
    /// Adds the edits of the primary that step `step` makes to those `run` defers; one that
    /// does not compose with them has them applied first.
    void defer(Additions& run, std::size_t step);
    /// Applies to the simulated host the edit of the primary that `run` defers, if any.
    void apply_unapplied(Additions& run);
    /// Whether appending instances to `state` reads as the simulated host would read it: true
    /// unless another primary parameter refers to multi_instance_directories, whose value the
    /// creates change.
    bool may_keep_additions() const;
    /// Whether `operations` change the primary's main.cf only by multi_instance_directories (not
    /// alternate_config_directories, say), so that the new instance is all the state gains.
    bool lists_only(const std::vector<Operation>& operations) const;
    /// A create step planned against `run`, which then holds the new instance too. False when
    /// the step failed or `run` can no longer follow the host (the caller reads the host again).
    bool add_create_step(const Request& r, const std::string& name, std::vector<Change> changes,
                         Additions& run);
    /// An import step; an imported main.cf may enable the instance, which `enable: false` then
    /// disables, as the disables before could not. False when planning must stop.
    bool add_import_step(Request& r, const DesiredInstance& d, const std::string& config_directory,
                         std::vector<Change> changes);
    /// The queue and data directories of a new instance.
    static void add_directories(Request& r, std::vector<Change>& changes,
                                const manifest::Directories& directories);

    // --- parameters and services (planner_configuration.cc) -------------------------------

    /// Parameter edits for one main.cf and service edits for its master.cf; a `configure` step
    /// when anything differs.
    void configure(const std::string& instance, const std::string& config_directory,
                   const std::vector<manifest::Parameter>& parameters,
                   const std::vector<manifest::DesiredService>& services);
    /// Configures the primary, then each present instance; a change of an existing instance's
    /// queue or data directory is an error.
    void plan_parameters();

    // --- multi_instance_directories (planner_order.cc) ------------------------------------

    /// A reorder step when multi_instance_directories is not in the manifest's order.
    void plan_order();
    /// multi_instance_directories as the manifest orders them (pmreconcile.yaml(5), "ORDER"):
    /// the places that the `listed` instances which were already there hold in `actual` are
    /// filled by them in `listed`'s (the manifest's) order, and every other instance (unlisted,
    /// or a refused removal) keeps its place. Then each `added` instance goes right after the
    /// instance listed before it in the manifest; the first listed, right before the first
    /// listed instance, or at the end (where postmulti puts a new one) when there is none.
    static std::vector<std::string> ordered_directories(const std::vector<std::string>& actual,
                                                        const std::vector<std::string>& listed,
                                                        const std::set<std::string>& added);

    // --- enables (planner_reloads.cc) ------------------------------------------------------

    /// Enables the instances the manifest wants enabled that are not.
    void plan_enables();

    // --- running state (planner_running.cc) -----------------------------------------------

    /// `postfix -c DIR COMMAND` for `i`, with the name its systemd unit has and its queue
    /// directory.
    static lifecycle::RunPostfix run_postfix(const Instance& i, lifecycle::PostfixCommand command);
    /// The manifest's `running:` by config directory (the primary's included), for the
    /// instances whose running state it manages.
    std::map<std::string, bool> wanted_running() const;
    /// Whether the removal of `i` (a destroy when `destroy`, else a deport) will not be refused.
    bool removal_goes_ahead(const Instance& i, bool destroy) const;
    /// The config directories of the running instances that this plan removes, disables or
    /// wants stopped (`running: false`).
    std::set<std::string> instances_to_stop(const HostState& state) const;
    /// Stops, before anything is removed or disabled, every instance instances_to_stop() names,
    /// in the reverse of the start order (the primary last), as `postfix stop` does.
    void plan_stops();
    /// The config directories that owe a restart, or in which a step of this plan changes a
    /// parameter that maincf::requires_restart() names.
    std::set<std::string> restart_directories() const;
    /// Reloads (or restarts, restart_directories()) each running instance whose configuration
    /// this plan edits or that owes a reload.
    void plan_reloads();
    /// Starts each stopped instance the manifest wants running (or whose restart an earlier
    /// apply cut short), in the start order: the primary, then multi_instance_directories.
    void plan_starts();

    // --- notes (planner_notes.cc) ---------------------------------------------------------

    /// Why a reload, restart or start is planned that this plan's own changes may not call for.
    void note_owed_reload(const Instance& i);
    /// When the plan creates instances while the host has secondaries the manifest does not
    /// list, a note for each: an entry renamed without its config_directory (postfix-out to
    /// postfix-relay) creates a second instance, and the old one stays.
    void note_possible_renames(const HostState& initial);

    const manifest::Manifest& manifest_;
    lifecycle::SimulatedHost& host_;
    const maincf::ParameterDefaults& defaults_;
    std::string primary_directory_;
    std::vector<Target> targets_;
    std::shared_ptr<const HostState> indexed_state_;  ///< the newest state, which index_ indexes
    std::optional<InstanceIndex> index_;
    std::set<std::string> edited_;
    std::set<std::string> owed_reloads_;    ///< config directories an earlier apply left owing
    std::set<std::string> owed_restarts_;   ///< those of them that owe a restart
    std::set<std::string> listed_before_;   ///< multi_instance_directories before the plan
    postmulti::PrototypeCache prototypes_;  ///< what each create starts its main.cf from
    Plan plan_;
    Diagnostics problems_;
};

}  // namespace pmr::plan::detail
