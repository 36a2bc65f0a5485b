#include "cli/instance_commands.h"

#include <iostream>
#include <memory>

#include "cli/error_report.h"
#include "cli/host_context.h"
#include "cli/postmulti_session.h"
#include "core/postmulti/directory_operands.h"
#include "core/support/exit_code.h"

namespace pmr::cli {

namespace {

using postmulti::Action;
using postmulti::Mode;
using postmulti::Request;

/// The selection options (-a, -g, -i) shared by the subcommands that act on instances.
struct SelectionOptions {
    bool all = false;
    std::string group;
    std::string instance;
};

void add_selection(CLI::App& sub, SelectionOptions& selection) {
    auto* all = sub.add_flag("-a,--all", selection.all, "All instances (the default)");
    auto* group = sub.add_option("-g,--group", selection.group, "Instances of this group");
    auto* instance = sub.add_option("-i,--instance", selection.instance,
                                    "The instance with this name (`out` matches `postfix-out`), "
                                    "config directory, or `-` for the primary");
    all->excludes(group, instance);
    group->excludes(instance);
}

instance::Selection selection_of(const SelectionOptions& options) {
    if (!options.group.empty())
        return instance::Selection::group(options.group);
    if (!options.instance.empty())
        return instance::Selection::name(options.instance);
    if (options.all)
        return instance::Selection::all();
    return {};
}

Request request_for(Mode mode, Action action = Action::init) {
    Request request;
    request.mode = mode;
    request.action = action;
    return request;
}

/// Runs a request with pmreconcile's wording.
int run_native(const Request& request, const GlobalOptions& options, bool json = false) {
    const NativeStyle style;
    HostContext context = load_host_context(options.config_directory);
    context.lock_timeout = options.lock_timeout;
    const auto primary = read_primary(context, style);
    if (!primary)
        return to_int(ExitCode::error);
    return execute_request(request, context, *primary, style, json, QueuedMail::refuse);
}

/// Everything one subcommand parses into.
struct CommandState {
    SelectionOptions selection;
    std::string name;
    std::string group;
    bool clear_group = false;
    std::string config_directory;
    std::string queue_directory;
    std::string data_directory;
    std::vector<std::string> command;
    bool json = false;
    bool reverse = false;
};

void add_directory_options(CLI::App& sub, CommandState& state) {
    sub.add_option("--config-directory", state.config_directory,
                   "Config directory (default: the primary's with the last component replaced "
                   "by the name)");
    sub.add_option("--queue-directory", state.queue_directory,
                   "Queue directory (derived likewise)");
    sub.add_option("--data-directory", state.data_directory, "Data directory (derived likewise)");
}

std::vector<std::string> directory_overrides(const CommandState& state) {
    std::vector<std::string> overrides;
    if (!state.config_directory.empty()) {
        overrides.push_back("config_directory=" + state.config_directory);
    }
    if (!state.queue_directory.empty()) {
        overrides.push_back("queue_directory=" + state.queue_directory);
    }
    if (!state.data_directory.empty())
        overrides.push_back("data_directory=" + state.data_directory);
    return overrides;
}

/// Where an instance subcommand puts its options, and what choosing it sets.
struct InstanceBinding {
    std::function<int()>& run;  ///< set to the chosen subcommand's action
    const GlobalOptions& options;
    std::shared_ptr<CommandState> state;

    /// The subcommand's CLI11 callback: it makes `action`, with the options as parsed, the
    /// action `run` runs.
    [[nodiscard]] std::function<void()> to(
        std::function<int(const GlobalOptions&, const CommandState&)> action) const {
        return [&run = run, &options = options, state = state, action] {
            run = [&options, state, action] { return action(options, *state); };
        };
    }
};

void add_list_command(CLI::App& app, const InstanceBinding& binding) {
    auto* list = app.add_subcommand("list", "List instances like `postmulti -l`");
    add_selection(*list, binding.state->selection);
    list->add_flag("--json", binding.state->json, "Machine-readable output with format_version");
    list->add_flag("-R,--reverse", binding.state->reverse, "Reverse order");
    list->footer("Examples:\n  pmreconcile list\n  pmreconcile list --json -g mta");
    list->callback(binding.to([](const GlobalOptions& options, const CommandState& state) {
        Request r = request_for(Mode::list);
        r.selection = selection_of(state.selection);
        r.reverse = state.reverse;
        return run_native(r, options, state.json);
    }));
}

void add_init_command(CLI::App& app, const InstanceBinding& binding) {
    auto* init = app.add_subcommand("init", "Enable multi-instance support in the primary");
    init->footer("Example:\n  pmreconcile init");
    init->callback(binding.to([](const GlobalOptions& options, const CommandState&) {
        Request r = request_for(Mode::edit, Action::init);
        return run_native(r, options);
    }));
}

/// The options of a subcommand that makes a new instance: its name, group, directories and
/// place in multi_instance_directories (as postmulti's -a / -i / -g place it).
void add_new_instance_options(CLI::App& sub, CommandState& state) {
    sub.add_option("name", state.name, "Instance name (postfix-...)")->required();
    sub.add_option("--group", state.group, "Instance group");
    add_directory_options(sub, state);
    auto* first =
        sub.add_flag("--first", state.selection.all, "Put the instance first in the start order");
    auto* before =
        sub.add_option("--before", state.selection.instance, "Put it before this instance");
    auto* before_group = sub.add_option("--before-group", state.selection.group,
                                        "Put it before the first instance of this group");
    first->excludes(before, before_group);
    before->excludes(before_group);
}

/// A life-cycle subcommand: `create NAME ...` (`takes_name`), or `ACTION INSTANCE`.
void add_action_command(CLI::App& app, const InstanceBinding& binding, const char* name,
                        const char* description, Action action, bool takes_name,
                        const char* example) {
    auto* sub = app.add_subcommand(name, description);
    if (takes_name) {
        add_new_instance_options(*sub, *binding.state);
    } else {
        sub->add_option("instance", binding.state->selection.instance,
                        "Instance name, `out` for postfix-out, or config directory")
            ->required();
    }
    sub->footer(std::string("Example:\n  ") + example);
    sub->callback(
        binding.to([action, takes_name](const GlobalOptions& options, const CommandState& state) {
            Request r = request_for(Mode::edit, action);
            r.selection = selection_of(state.selection);
            if (takes_name) {
                r.new_name = state.name;
                if (!state.group.empty())
                    r.new_group = state.group;
                r.arguments = directory_overrides(state);
                r.new_directories = postmulti::read_directory_operands(action, r.arguments);
            }
            return run_native(r, options);
        }));
}

void add_import_command(CLI::App& app, const InstanceBinding& binding) {
    CommandState& parsed = *binding.state;
    auto* importer = app.add_subcommand("import", "Add an existing instance's directory");
    importer->add_option("config_directory", parsed.config_directory, "Its config directory")
        ->required();
    importer->add_option("--name", parsed.name, "Assign this name");
    importer->add_option("--group", parsed.group, "Assign this group");
    importer->footer("Example:\n  pmreconcile import /etc/postfix-old --name postfix-old");
    importer->callback(binding.to([](const GlobalOptions& options, const CommandState& state) {
        Request r = request_for(Mode::edit, Action::import);
        if (!state.name.empty())
            r.new_name = state.name;
        if (!state.group.empty())
            r.new_group = state.group;
        r.arguments = {"config_directory=" + state.config_directory};
        r.new_directories = postmulti::read_directory_operands(Action::import, r.arguments);
        return run_native(r, options);
    }));
}

void add_assign_command(CLI::App& app, const InstanceBinding& binding) {
    CommandState& parsed = *binding.state;
    auto* assign = app.add_subcommand("assign", "Rename an instance or change its group");
    assign->add_option("instance", parsed.selection.instance, "The instance")->required();
    assign->add_option("--name", parsed.name, "New name (`-` clears)");
    assign->add_option("--group", parsed.group, "New group (`-` clears)");
    assign->footer("Example:\n  pmreconcile assign postfix-out --name postfix-relay --group mta");
    assign->callback(binding.to([](const GlobalOptions& options, const CommandState& state) {
        Request r = request_for(Mode::edit, Action::assign);
        r.selection = instance::Selection::name(state.selection.instance);
        if (!state.name.empty())
            r.new_name = state.name == "-" ? "" : state.name;
        if (!state.group.empty())
            r.new_group = state.group == "-" ? "" : state.group;
        if (!r.new_name && !r.new_group) {
            report_error("assign needs --name or --group");
            return to_int(ExitCode::error);
        }
        return run_native(r, options);
    }));
}

/// `exec` and `postfix`: a command for each selected instance.
void add_iteration_command(CLI::App& app, const InstanceBinding& binding, const char* name,
                           Mode mode, const char* description, const char* example) {
    auto* sub = app.add_subcommand(name, description);
    // The command's own options stay its own: `exec postconf -c DIR` must not select
    // another primary, so global options go before the subcommand here.
    sub->fallthrough(false);
    add_selection(*sub, binding.state->selection);
    sub->add_option("command", binding.state->command, "The command and its arguments")->required();
    sub->footer(std::string("Example:\n  ") + example);
    sub->callback(binding.to([mode](const GlobalOptions& options, const CommandState& state) {
        Request r = request_for(mode);
        r.selection = selection_of(state.selection);
        r.arguments = state.command;
        return run_native(r, options);
    }));
}

}  // namespace

void add_instance_commands(CLI::App& app, const GlobalOptions& options, std::function<int()>& run) {
    const InstanceBinding binding{run, options, std::make_shared<CommandState>()};
    add_list_command(app, binding);
    add_init_command(app, binding);
    add_action_command(app, binding, "create", "Create a new secondary instance", Action::create,
                       true, "pmreconcile create postfix-out --group mta");
    add_import_command(app, binding);
    add_action_command(app, binding, "destroy",
                       "Remove a stopped, disabled instance and its empty directories; refused "
                       "while its queue holds mail",
                       Action::destroy, false, "pmreconcile destroy postfix-old");
    add_action_command(app, binding, "deport",
                       "Stop managing an instance (kept in alternate_config_directories)",
                       Action::deport, false, "pmreconcile deport postfix-old");
    add_action_command(app, binding, "enable", "Let `postfix start` start the instance",
                       Action::enable, false, "pmreconcile enable postfix-out");
    add_action_command(app, binding, "disable", "Keep `postfix start` from starting the instance",
                       Action::disable, false, "pmreconcile disable postfix-out");
    add_assign_command(app, binding);
    add_iteration_command(app, binding, "exec", Mode::exec,
                          "Run a command for each selected instance",
                          "pmreconcile exec -g mta -- postqueue -p");
    add_iteration_command(app, binding, "postfix", Mode::postfix,
                          "Run `postfix COMMAND` for each selected instance, like `postmulti -p`",
                          "pmreconcile postfix -- start");
}

}  // namespace pmr::cli
