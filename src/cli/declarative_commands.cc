#include "cli/declarative_commands.h"

#include <spdlog/spdlog.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <future>
#include <iostream>
#include <memory>
#include <system_error>

#include "cli/host_context.h"
#include "cli/manifest_loading.h"
#include "cli/plan_execution.h"
#include "cli/postmulti_session.h"
#include "cli/service_export.h"
#include "cli/terminal.h"
#include "cli/usage_errors.h"
#include "core/maincf/configuration.h"
#include "core/manifest/host_conflicts.h"
#include "core/manifest/manifest_parser.h"
#include "core/manifest/manifest_writer.h"
#include "core/manifest/parameter_names.h"
#include "core/plan/metrics.h"
#include "core/plan/plan_json.h"
#include "core/plan/plan_text.h"
#include "core/plan/planner.h"
#include "core/plan/saved_plan.h"
#include "core/plan/staleness.h"
#include "core/support/exit_code.h"
#include "effects/bulk_heap.h"
#include "effects/host_reader.h"
#include "effects/host_snapshot.h"
#include "effects/interruption.h"
#include "effects/output_file.h"
#include "effects/read_file.h"
#include "effects/run_lock.h"

namespace pmr::cli {

namespace {

/// Everything the declarative subcommands parse into.
struct DeclarativeOptions {
    std::string manifest_path;
    std::string plan_file;
    std::string out;
    std::string prometheus;
    bool json = false;
    bool detailed_exitcode = false;
    bool auto_approve = false;
    bool with_parameters = false;
    bool with_services = false;  ///< export: also the master.cf services that differ from stock
    bool strict = false;         ///< validate: unknown parameter names are errors
};

/// A plan of the live host, with what it was made from.
struct LivePlan {
    /// On the heap: the snapshot's simulated host keeps a pointer to its defaults, which must
    /// stay where they are when a LivePlan is moved (returned in an optional).
    std::shared_ptr<const HostContext> context;
    LoadedManifest manifest;
    std::optional<effects::HostSnapshot> snapshot;
    plan::PlanResult result;
    std::string command_directory;
};

long long milliseconds_since(std::chrono::steady_clock::time_point started) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 started)
        .count();
}

void print_problems(const Diagnostics& problems) {
    for (const Diagnostic& d : problems) {
        std::cerr << "pmreconcile: " << (d.severity == Severity::error ? "error: " : "warning: ")
                  << d.to_string() << '\n';
    }
}

/// What plan_live says besides errors.
enum class Voice {
    full,            ///< warnings and notes
    before_locking,  ///< the same, but a running apply is left to the run lock's own message
    quiet,           ///< errors only: the warnings and notes were shown by an earlier call
};

/// Loads the manifest and plans it against the live host; nullopt after reporting a failure.
std::optional<LivePlan> plan_live(const HostContext& context, const std::string& manifest_path,
                                  const std::optional<std::string>& manifest_text = std::nullopt,
                                  Voice voice = Voice::full) {
    const bool quiet = voice == Voice::quiet;
    effects::prepare_heap_for_whole_host();  // the manifest and every main.cf are kept
    LivePlan live{std::make_shared<const HostContext>(context), {}, {}, {}, {}};
    // The manifest is parsed and validated on a second thread while this one reads the host:
    // on a 1,000-instance host each takes a good share of the time, and neither needs the
    // other. This thread reads the host because its heap is the one readied for it.
    auto load = [&] {
        return load_manifest(manifest_path, default_primary_directories(*live.context),
                             manifest_text);
    };
    std::future<std::optional<LoadedManifest>> loading;
    try {
        loading = std::async(std::launch::async, load);
    } catch (const std::system_error&) {
        loading = std::async(std::launch::deferred, load);  // no thread to be had: in turn
    }
    Diagnostics problems;
    const auto reading = std::chrono::steady_clock::now();
    auto snapshot =
        effects::begin_snapshot(live.context->config_directory, live.context->defaults, problems);
    auto manifest = loading.get();
    if (!manifest)
        return std::nullopt;  // the host's problems are not news then
    live.manifest = std::move(*manifest);
    // Each instance the plan creates adds its main.cf to what is held: ready the heap for it.
    effects::reserve_heap_for_whole_host(
        effects::heap_bytes_for_new_instances(live.manifest.manifest.instances.size()));
    if (snapshot && effects::complete_snapshot(*snapshot, live.manifest.manifest,
                                               live.context->defaults, problems)) {
        live.snapshot = std::move(snapshot);
    }
    if (!quiet || !live.snapshot)
        print_problems(problems);
    if (!live.snapshot)
        return std::nullopt;
    spdlog::debug("read the manifest and the host ({}) in {} ms", live.context->config_directory,
                  milliseconds_since(reading));
    Diagnostics ignored;
    if (const auto state = live.snapshot->host.shared_state(ignored)) {
        live.command_directory = state->shared.command_directory;
        // New instances must not nest in the directories of instances the manifest leaves alone.
        if (const Diagnostics overlaps =
                manifest::check_host_overlaps(live.manifest.manifest, *state);
            !overlaps.empty()) {
            print_problems(overlaps);
            return std::nullopt;
        }
    } else {
        live.command_directory = live.context->command_directory;
    }
    if (live.snapshot->interrupted_step && !quiet) {
        // The journal of a step is there while it runs, too: say which it is.
        if (const auto holder = effects::running_holder(live.snapshot->state_files)) {
            if (voice != Voice::before_locking) {
                std::cerr
                    << "pmreconcile: note: another pmreconcile is applying changes right now ("
                    << *holder << "), at step " << *live.snapshot->interrupted_step << '\n';
            }
        } else {
            std::cerr << "pmreconcile: note: an interrupted apply left a step unfinished ("
                      << *live.snapshot->interrupted_step
                      << "); the next apply finishes it before anything else\n";
        }
    }
    const auto planning = std::chrono::steady_clock::now();
    live.result =
        plan::make_plan(live.manifest.manifest, live.snapshot->host, live.context->defaults);
    spdlog::debug("planned in {} ms", milliseconds_since(planning));
    if (!live.result.plan) {
        print_problems(live.result.problems);
        return std::nullopt;
    }
    return live;
}

plan::PlanOrigin origin_of(const LivePlan& live) {
    plan::HostRecord record = live.snapshot->record();
    std::string fingerprint = plan::fingerprint_of(record);
    return plan::PlanOrigin{live.manifest.manifest.path, live.manifest.text,
                            live.context->config_directory, std::move(fingerprint),
                            std::move(record)};
}

/// Whether the host, as `live` read it, still yields the saved plan: the same files, the same
/// running instances, and the same steps. Says what changed when it does not.
bool saved_plan_holds(const plan::SavedPlan& saved, const LivePlan& live,
                      const std::string& plan_file) {
    const std::vector<std::string> changes =
        plan::staleness(saved, *live.result.plan, origin_of(live));
    if (changes.empty())
        return true;
    std::cerr << "pmreconcile: error: " << plan_file
              << ": the saved plan is stale: the host changed since it was made; run "
                 "'pmreconcile plan' again\n";
    for (const std::string& line : changes)
        std::cerr << "  " << line << '\n';
    return false;
}

/// What apply says when a manifest is given where a saved plan goes.
std::string manifest_given_as_plan(const std::string& path) {
    return path + " is not a saved plan: a manifest is given with -f (pmreconcile apply -f " +
           path + ")";
}

/// Whether `text` may be a saved plan (a JSON object) rather than, say, a manifest.
bool looks_like_json(std::string_view text) {
    const auto start = text.find_first_not_of(" \t\r\n");
    return start != std::string_view::npos && text[start] == '{';
}

/// apply's manifest, read once: standard input and a pipe cannot be read again for the second
/// plan. Reports and returns false when it cannot be read.
bool read_manifest_once(const std::string& path, std::optional<std::string>& text) {
    auto read = effects::read_manifest_input(path, manifest::max_manifest_bytes);
    if (!read) {
        std::cerr << "pmreconcile: error: " << read.error() << '\n';
        return false;
    }
    text = std::move(read).value();
    return true;
}

/// apply changes Postfix's files and needs root, as Postfix's own tools do.
bool require_root(const char* what) {
    if (::geteuid() == 0)
        return true;
    std::cerr << "pmreconcile: error: " << what
              << " must run as root: it changes Postfix's files and directories\n";
    return false;
}

/// pmreconcile works on one primary: a MAIL_CONFIG naming another is a mistake, not a switch.
bool refuse_mail_config(const GlobalOptions& global) {
    const char* mail_config = std::getenv("MAIL_CONFIG");
    if (mail_config == nullptr || *mail_config == '\0')
        return true;
    const std::string primary = global.config_directory.value_or("/etc/postfix");
    if (mail_config == primary)
        return true;
    std::cerr << "pmreconcile: error: MAIL_CONFIG=" << mail_config
              << " names another configuration directory than the primary's (" << primary
              << "); unset it, or select the primary with -c DIR\n";
    return false;
}

/// The service names whose derived parameters are known: the stock master.cf's, and those of
/// the master.cf of the primary and of each instance the manifest lists, where it exists.
std::vector<std::string> known_services(const manifest::Manifest& manifest,
                                        const std::string& primary_directory) {
    std::vector<std::string> services = manifest::stock_service_names();
    std::vector<std::string> directories{primary_directory};
    for (const manifest::DesiredInstance& instance : manifest.instances) {
        directories.push_back(instance.config_directory.value_or(
            manifest::derived_directory(primary_directory, instance.name)));
    }
    for (const std::string& directory : directories) {
        auto text = effects::read_config_file_if_exists(directory + "/master.cf");
        if (!text || !*text)
            continue;
        for (std::string& service : manifest::master_cf_service_names(**text)) {
            services.push_back(std::move(service));
        }
    }
    return services;
}

/// validate's check of parameter names against Postfix's (postconf -d, from its cache when
/// valid): warnings, errors with --strict. Skipped without Postfix: the built-in table knows
/// only the parameters pmreconcile reads.
Diagnostics check_parameter_names(const manifest::Manifest& manifest, const GlobalOptions& global,
                                  bool strict) {
    const bool sets_parameters =
        !manifest.primary_parameters.empty() ||
        std::ranges::any_of(manifest.instances, [](const manifest::DesiredInstance& instance) {
            return !instance.parameters.empty();
        });
    if (!sets_parameters)
        return {};  // nothing to check: nothing of the host is read
    const HostContext context = load_host_context(global.config_directory);
    if (context.defaults.size() <= maincf::ParameterDefaults::builtin().size()) {
        spdlog::info("Postfix's parameter names are not known (no postconf -d): names not checked");
        return {};
    }
    std::vector<std::string> known = context.defaults.names();
    for (std::string& name :
         manifest::service_parameter_names(known_services(manifest, context.config_directory))) {
        known.push_back(std::move(name));
    }
    return manifest::check_parameter_names(manifest, known,
                                           strict ? Severity::error : Severity::warning);
}

int run_validate(const GlobalOptions& global, const DeclarativeOptions& options) {
    const HostContext context{maincf::ParameterDefaults::builtin(),
                              global.config_directory.value_or("/etc/postfix"),
                              "/usr/sbin",
                              {},
                              {}};
    auto text = effects::read_manifest_input(options.manifest_path, manifest::max_manifest_bytes);
    if (!text) {
        std::cerr << "pmreconcile: error: " << text.error() << '\n';
        return to_int(ExitCode::error);
    }
    const std::string name = effects::manifest_input_name(options.manifest_path);
    // Every problem at once: of meaning too, where the structure has problems elsewhere.
    Diagnostics problems;
    const auto manifest =
        manifest::parse_and_validate(*text, name, default_primary_directories(context), problems);
    if (manifest) {
        const Diagnostics names = check_parameter_names(*manifest, global, options.strict);
        problems.insert(problems.end(), names.begin(), names.end());
        std::ranges::stable_sort(
            problems, [](const Diagnostic& x, const Diagnostic& y) { return x.line < y.line; });
    }
    for (Diagnostic problem : problems) {
        if (problem.severity == Severity::warning)
            problem.message = "warning: " + problem.message;
        std::cerr << problem.to_string() << '\n';
    }
    if (!manifest || has_errors(problems))
        return to_int(ExitCode::error);
    std::cout << name << ": valid (" << manifest->instances.size() << " instance"
              << (manifest->instances.size() == 1 ? "" : "s") << ")\n";
    return to_int(ExitCode::ok);
}

int run_plan(const GlobalOptions& global, const DeclarativeOptions& options) {
    if (!refuse_mail_config(global))
        return to_int(ExitCode::error);
    const auto live = plan_live(load_host_context(global.config_directory), options.manifest_path);
    if (!live)
        return to_int(ExitCode::error);
    const plan::Plan& plan = *live->result.plan;
    // The JSON form carries the host's fingerprint, which costs a hash of every main.cf.
    const bool wants_json = options.json || !options.out.empty();
    const std::string json = wants_json ? plan::render_json(plan, origin_of(*live)) : std::string();
    if (options.json) {
        std::cout << json;
    } else {
        std::cout << plan::render_text(plan, plan::TextStyle{use_color(global.no_color)});
    }
    if (!options.out.empty()) {
        auto saved = effects::write_output_file(options.out, json, 0600);
        if (!saved) {
            std::cerr << "pmreconcile: error: " << saved.error() << '\n';
            return to_int(ExitCode::error);
        }
        if (!options.json) {
            std::cout << "\nSaved the plan to " << options.out << "; run 'pmreconcile apply "
                      << options.out << "' to carry it out.\n";
        }
    }
    if (options.detailed_exitcode && !plan.empty())
        return to_int(ExitCode::changes);
    return to_int(ExitCode::ok);
}

int run_apply(const GlobalOptions& global, const DeclarativeOptions& options) {
    if (!require_root("apply") || !refuse_mail_config(global))
        return to_int(ExitCode::error);
    std::optional<plan::SavedPlan> saved;
    if (!options.plan_file.empty()) {
        auto text = effects::read_file(options.plan_file, effects::Symlinks::follow);
        if (!text) {
            std::cerr << "pmreconcile: error: " << text.error() << '\n';
            return to_int(ExitCode::error);
        }
        if (!looks_like_json(*text)) {
            return report_usage_error("apply", manifest_given_as_plan(options.plan_file));
        }
        Diagnostics problems;
        saved = plan::read_saved_plan(*text, options.plan_file, problems);
        print_problems(problems);
        if (!saved)
            return to_int(ExitCode::error);
    }
    const plan::PlanOrigin* origin = saved ? &saved->origin : nullptr;
    std::optional<std::string> manifest_text;
    if (!origin && !read_manifest_once(options.manifest_path, manifest_text)) {
        return to_int(ExitCode::error);
    }
    HostContext context = load_host_context(origin ? std::optional(origin->config_directory)
                                                   : global.config_directory);
    context.lock_timeout = global.lock_timeout;
    // Without Postfix the built-in defaults still plan, but nothing could be started or checked.
    if (const std::string postconf = context.command_directory + "/postconf";
        ::access(postconf.c_str(), X_OK) != 0) {
        std::cerr << "pmreconcile: error: Postfix is not installed (no " << postconf << ")\n";
        return to_int(ExitCode::error);
    }
    const bool color = use_color(global.no_color);

    // Read-only first: an apply with nothing to do, or refused (a stale saved plan, no terminal
    // to ask on), takes no lock and writes nothing.
    {
        const auto preflight = origin ? plan_live(context, origin->manifest_path,
                                                  origin->manifest_text, Voice::before_locking)
                                      : plan_live(context, options.manifest_path, manifest_text,
                                                  Voice::before_locking);
        if (!preflight)
            return to_int(ExitCode::error);
        if (!preflight->snapshot->interrupted_step) {
            const plan::Plan& plan = *preflight->result.plan;
            if (saved && !saved_plan_holds(*saved, *preflight, options.plan_file)) {
                return to_int(ExitCode::error);
            }
            if (plan.empty()) {
                std::cout << plan::render_text(plan, plan::TextStyle{color});
                return to_int(ExitCode::ok);
            }
            if (!options.auto_approve && !origin && !stdin_is_terminal()) {
                std::cout << plan::render_text(plan, plan::TextStyle{color}) << '\n';
                std::cerr << "pmreconcile: error: not applying without --auto-approve: standard "
                             "input is not a terminal to ask on\n";
                return to_int(ExitCode::error);
            }
        }
    }

    // One writer at a time; then finish whatever an interrupted apply left half done.
    const NativeStyle style;
    const auto primary = read_primary(context, style);
    if (!primary)
        return to_int(ExitCode::error);
    const effects::StateFiles state_files = effects::state_files_for(context.config_directory);
    auto lock =
        effects::RunLock::acquire(state_files, global.lock_timeout, effects::own_command_line());
    if (!lock) {
        std::cerr << "pmreconcile: error: " << lock.error() << '\n';
        return to_int(ExitCode::error);
    }
    // From here on a SIGINT or SIGTERM stops apply between steps, never inside one.
    const effects::InterruptionGuard interruption;
    keep_postconf_defaults(context);
    const std::string command_directory = maincf::Configuration(*primary, context.defaults)
                                              .expanded_or("command_directory", "/usr/sbin");
    auto journal = effects::read_journal(state_files);
    const bool interrupted = journal && *journal;
    if (interrupted && origin) {
        std::cerr << "pmreconcile: error: an interrupted apply must be finished first; run "
                     "'pmreconcile apply -f MANIFEST', then plan again\n";
        return to_int(ExitCode::error);
    }
    if (!finish_interrupted_apply(context, command_directory, state_files)) {
        return to_int(ExitCode::error);
    }

    const auto live =
        origin ? plan_live(context, origin->manifest_path, origin->manifest_text, Voice::quiet)
               : plan_live(context, options.manifest_path, manifest_text, Voice::quiet);
    if (!live)
        return to_int(ExitCode::error);
    // A saved plan runs exactly as it was reviewed: the host must yield the very same steps.
    if (saved && !saved_plan_holds(*saved, *live, options.plan_file)) {
        return to_int(ExitCode::error);
    }
    const plan::Plan& plan = *live->result.plan;
    if (plan.empty()) {
        std::cout << plan::render_text(plan, plan::TextStyle{color});
        return to_int(ExitCode::ok);
    }
    // A saved plan was reviewed when it was made; a fresh one is shown before asking.
    if (!origin)
        std::cout << plan::render_text(plan, plan::TextStyle{color}) << '\n';
    if (!options.auto_approve && !origin) {
        if (!stdin_is_terminal()) {
            std::cerr << "pmreconcile: error: not applying without --auto-approve: standard input "
                         "is not a terminal to ask on\n";
            return to_int(ExitCode::error);
        }
        if (!confirm("Apply these steps?")) {
            std::cerr << "pmreconcile: apply cancelled; nothing was changed\n";
            return to_int(ExitCode::error);
        }
    }
    return execute_plan(plan, *live->context, live->command_directory, color, state_files);
}

int run_check(const GlobalOptions& global, const DeclarativeOptions& options) {
    if (!refuse_mail_config(global))
        return to_int(ExitCode::error);
    const auto live = plan_live(load_host_context(global.config_directory), options.manifest_path);
    const std::int64_t now = static_cast<std::int64_t>(std::time(nullptr));
    if (!options.prometheus.empty()) {
        std::shared_ptr<const instance::HostState> state;
        if (live) {
            Diagnostics ignored;
            state = live->snapshot->host.shared_state(ignored);
        }
        const std::string metrics =
            plan::render_prometheus(live ? &*live->result.plan : nullptr, state.get(), now);
        // A metrics file that cannot be written is an error: the timer must not look healthy
        // while the metrics go stale.
        if (auto written = effects::write_output_file(options.prometheus, metrics, 0644);
            !written) {
            std::cerr << "pmreconcile: error: " << written.error() << '\n';
            return to_int(ExitCode::error);
        }
    }
    if (!live)
        return to_int(ExitCode::error);
    const plan::Plan& plan = *live->result.plan;
    if (options.json) {
        std::cout << plan::render_json(plan, origin_of(*live));
    } else if (plan.empty()) {
        std::cout << "In sync: the host matches "
                  << effects::manifest_input_name(options.manifest_path) << ".\n";
    } else {
        std::cout << "Drift: the host differs from "
                  << effects::manifest_input_name(options.manifest_path) << ".\n\n"
                  << plan::render_text(plan, plan::TextStyle{use_color(global.no_color)});
    }
    return plan.empty() ? to_int(ExitCode::ok) : to_int(ExitCode::changes);
}

int run_export(const GlobalOptions& global, const DeclarativeOptions& options) {
    const HostContext context = load_host_context(global.config_directory);
    effects::prepare_heap_for_whole_host();  // every main.cf is kept
    Diagnostics problems;
    const auto host = effects::read_host(context.config_directory, context.defaults, problems);
    if (!host) {
        print_problems(problems);
        return to_int(ExitCode::error);
    }
    auto exported =
        manifest::manifest_from_host(host->state, options.with_parameters ? &host->files : nullptr);
    if (options.with_services &&
        !add_exported_services(exported, host->state, host->files, context.defaults, problems)) {
        print_problems(problems);
        return to_int(ExitCode::error);
    }
    const std::string text = manifest::write_manifest(exported);
    if (options.out.empty()) {
        std::cout << text;
        return to_int(ExitCode::ok);
    }
    auto written = effects::write_output_file(options.out, text, 0644);
    if (!written) {
        std::cerr << "pmreconcile: error: " << written.error() << '\n';
        return to_int(ExitCode::error);
    }
    return to_int(ExitCode::ok);
}

}  // namespace

void add_declarative_commands(CLI::App& app, const GlobalOptions& global,
                              std::function<int()>& run) {
    auto options = std::make_shared<DeclarativeOptions>();
    auto bind = [&run, &global,
                 options](int (*command)(const GlobalOptions&, const DeclarativeOptions&)) {
        return [&run, &global, options, command] {
            run = [&global, options, command] { return command(global, *options); };
        };
    };

    auto* validate = app.add_subcommand(
        "validate", "Check a manifest (of the host, only Postfix's parameter names are read)");
    validate->add_option("-f,--file", options->manifest_path, "The manifest (- for standard input)")
        ->required();
    validate->add_flag("--strict", options->strict,
                       "A parameter name Postfix does not know is an error, not a warning");
    validate->footer("Example:\n  pmreconcile validate -f /etc/pmreconcile/instances.yaml\n");
    validate->callback(bind(run_validate));

    auto* plan =
        app.add_subcommand("plan", "Show the steps that would make the host match a manifest");
    plan->add_option("-f,--file", options->manifest_path, "The manifest (- for standard input)")
        ->required();
    plan->add_flag("--json", options->json, "Machine-readable plan (with format_version)");
    plan->add_option("--out", options->out, "Also save the plan for 'apply PLANFILE'");
    plan->add_flag("--detailed-exitcode", options->detailed_exitcode,
                   "Exit 0 with no changes, 2 with changes, 1 on error");
    plan->footer(
        "Examples:\n  pmreconcile plan -f instances.yaml\n"
        "  pmreconcile plan -f instances.yaml --out plan.json --detailed-exitcode\n");
    plan->callback(bind(run_plan));

    auto* apply = app.add_subcommand("apply", "Make the host match a manifest or a saved plan");
    auto* file = apply->add_option("-f,--file", options->manifest_path,
                                   "The manifest (- for standard input)");
    auto* plan_file =
        apply->add_option("planfile", options->plan_file, "A plan saved by 'plan --out'");
    file->excludes(plan_file);
    apply->add_flag("--auto-approve", options->auto_approve, "Do not ask for confirmation");
    apply->footer(
        "Examples:\n  pmreconcile apply -f instances.yaml\n"
        "  pmreconcile apply -f instances.yaml --auto-approve\n  pmreconcile apply plan.json\n");
    apply->callback([&run, &global, options] {
        run = [&global, options] {
            if (options->manifest_path.empty() && options->plan_file.empty()) {
                return report_usage_error("apply", "apply needs -f MANIFEST or a saved PLANFILE");
            }
            if (options->plan_file.ends_with(".yaml") || options->plan_file.ends_with(".yml")) {
                return report_usage_error("apply", manifest_given_as_plan(options->plan_file));
            }
            return run_apply(global, *options);
        };
    });

    auto* check = app.add_subcommand("check", "Detect drift from a manifest (read-only)");
    check->add_option("-f,--file", options->manifest_path, "The manifest (- for standard input)")
        ->required();
    check->add_flag("--json", options->json, "Machine-readable result");
    check->add_option(
        "--prometheus", options->prometheus,
        "Write a node_exporter textfile (e.g. /var/lib/node_exporter/pmreconcile.prom)");
    check->footer(
        "Exit status: 0 in sync, 2 drift, 1 error.\nExample:\n"
        "  pmreconcile check -f instances.yaml --prometheus "
        "/var/lib/node_exporter/pmreconcile.prom\n");
    check->callback(bind(run_check));

    auto* exporter = app.add_subcommand("export", "Print the host's instances as a manifest");
    exporter->add_option("-o,--output", options->out, "Write to this file instead of stdout");
    exporter->add_flag("--with-parameters", options->with_parameters,
                       "Also manage every explicit main.cf setting of each instance");
    exporter->add_flag("--with-services", options->with_services,
                       "Also manage the master.cf services that differ from the stock master.cf");
    exporter->footer(
        "Examples:\n  pmreconcile export -o instances.yaml\n"
        "  pmreconcile export --with-parameters --with-services -o instances.yaml\n");
    exporter->callback(bind(run_export));
}

}  // namespace pmr::cli
