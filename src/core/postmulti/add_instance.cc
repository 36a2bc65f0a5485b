// Planning of `postmulti -e create` and `-e import` (postmulti.c's install_new_instance() and
// the create|import branch of postmulti-script).

#include <array>
#include <tuple>

#include "core/maincf/editor.h"
#include "core/postmulti/edit_steps.h"
#include "core/postmulti/private_path.h"

namespace pmr::postmulti::steps {

namespace {

using instance::Instance;
using instance::Selection;
using maincf::Edit;

/// Parameters a new instance copies from the primary when the primary sets them explicitly, and
/// comments out otherwise (postmulti-script's SHARED_PARAMETERS, in its order).
constexpr std::array<std::string_view, 13> shared_parameters = {
    "command_directory", "daemon_directory",  "meta_directory",   "mail_owner",
    "setgid_group",      "sendmail_path",     "mailq_path",       "newaliases_path",
    "html_directory",    "manpage_directory", "sample_directory", "readme_directory",
    "shlib_directory"};

/// The directories of the instance being added.
struct Directories {
    std::string config;
    std::string queue;
    std::string data;
};

/// make_private_path() with its refusals.
std::optional<Fatal> derive(std::string& slot, std::string_view parameter,
                            const std::string& primary_value, const Request& request) {
    if (!slot.empty())
        return std::nullopt;
    if (!request.new_name || request.new_name->empty()) {
        return postmulti_fatal("Missing " + std::string(parameter) + " parameter value");
    }
    if (!primary_value.starts_with('/')) {
        return postmulti_fatal("Invalid default " + std::string(parameter) + " parameter value: '" +
                               primary_value + "': specify an absolute pathname");
    }
    slot = private_path(primary_value, *request.new_name);
    return std::nullopt;
}

/// The prototype after the script's first postconf call (`-#` of the shared parameters the
/// primary leaves unset), parsed; from context.prototypes when it holds this one.
maincf::MainCf commented_prototype(const EditContext& context, const std::string& proto_path,
                                   const SharedText& proto, std::vector<Edit> comment_out) {
    PrototypeCache* cache = context.prototypes;
    if (cache && cache->commented && cache->path == proto_path && cache->prototype == proto &&
        cache->comment_out == comment_out) {
        return *cache->commented;
    }
    maincf::MainCf commented = maincf::MainCf::parse(proto.shared(), proto_path);
    if (!comment_out.empty()) {
        commented =
            maincf::MainCf::parse(maincf::apply_edits(commented, comment_out).text, proto_path);
    }
    if (cache) {
        cache->path = proto_path;
        cache->prototype = proto;
        cache->comment_out = std::move(comment_out);
        cache->commented = commented;
    }
    return commented;
}

/// The new instance's main.cf: the prototype with the shared parameters copied from the primary
/// or commented out, its directories, inet services and local submission disabled, and its name
/// and group. Three batches, as the script's three postconf calls.
std::string new_main_cf(const EditContext& context, const std::string& proto_path,
                        const SharedText& proto, const Directories& target,
                        const std::vector<Edit>& names) {
    std::vector<Edit> comment_out;
    std::vector<Edit> settings{
        set("queue_directory", target.queue), set("data_directory", target.data),
        set("authorized_submit_users", ""), set("master_service_disable", "inet")};
    for (std::string_view parameter : shared_parameters) {
        const auto value = context.primary_main_cf.get(parameter);
        if (value && !value->empty()) {
            settings.push_back(set(std::string(parameter), std::string(*value)));
        } else {
            comment_out.push_back(Edit{maincf::EditKind::comment_out, std::string(parameter), {}});
        }
    }
    return maincf::apply_edits_in_turn(
               commented_prototype(context, proto_path, proto, std::move(comment_out)), settings,
               names)
        .text;
}

/// The files and directories of a brand-new instance (`create` into an empty directory).
std::variant<std::vector<lifecycle::Operation>, Fatal> install_files(
    const EditContext& context, const Directories& target, const std::vector<Edit>& names) {
    const std::string& meta = context.state.shared.meta_directory;
    const std::string main_proto_path = meta + "/main.cf.proto";
    const std::string master_proto_path = meta + "/master.cf.proto";
    // Shared, not copied: the simulated host of a plan holds them for 10,000 creates.
    const auto main_proto = context.host.read_shared(main_proto_path);
    if (!main_proto)
        return script_fatal("Missing main.cf prototype: " + main_proto_path);
    const auto master_proto = context.host.read_shared(master_proto_path);
    if (!master_proto)
        return script_fatal("Missing master.cf prototype: " + master_proto_path);
    PrototypeCache* cache = context.prototypes;
    if (cache && (cache->master_path != master_proto_path || !(cache->master == *master_proto))) {
        cache->master_path = master_proto_path;
        cache->master = *master_proto;
    }
    return std::vector<lifecycle::Operation>{
        lifecycle::CreateDirectories{target.config, 0755},
        lifecycle::CreateDirectories{target.queue, 0755},
        lifecycle::CreateDirectories{target.data, 0700},
        lifecycle::InstallFile{target.config + "/main.cf",
                               new_main_cf(context, main_proto_path, *main_proto, target, names),
                               0644},
        // master.cf goes last: its presence marks a complete instance.
        lifecycle::InstallFile{target.config + "/master.cf", cache ? cache->master : *master_proto,
                               0644},
    };
}

/// load_instance() of the instance being imported, through `postconf -c DIR`: its messages go to
/// `postconf_messages` (a fatal when main.cf cannot be read or parsed, else a warning when
/// master.cf is missing), postmulti's own verdict is the Fatal.
std::variant<Instance, Fatal> load_imported(const EditContext& context,
                                            const std::string& config_directory,
                                            Diagnostics& postconf_messages) {
    const std::string path = config_directory + "/main.cf";
    const auto text = context.host.read_file(path);
    std::optional<maincf::MainCf> main_cf;
    if (text)
        main_cf = maincf::MainCf::parse(*text, path);
    if (main_cf && !main_cf->has_errors() &&
        !context.host.is_regular_file(config_directory + "/master.cf")) {
        postconf_messages.push_back(make_warning(
            "", 0, 0, "open " + config_directory + "/master.cf: No such file or directory"));
    }
    Diagnostics problems;
    auto loaded = instance::read_instance(config_directory, main_cf ? &*main_cf : nullptr,
                                          "open " + path + ": No such file or directory",
                                          context.defaults, problems);
    if (loaded)
        return *loaded;
    // The last problem is postmulti's; what comes before it is postconf's fatal.
    if (problems.size() > 1)
        postconf_messages.push_back(problems.front());
    return postmulti_fatal(problems.back().to_postfix_string());
}

/// The directories `request` gives, with the config directory derived from the primary's when
/// not given; else why postmulti refuses them: directory options it rejects, a config directory
/// it cannot derive, or one another instance uses.
std::variant<Directories, Fatal> chosen_directories(const instance::HostState& state,
                                                    const Request& request) {
    const NewDirectories& given = request.new_directories;
    if (given.refusal)
        return postmulti_fatal(*given.refusal);
    Directories target{given.config_directory.value_or(""), given.queue_directory.value_or(""),
                       given.data_directory.value_or("")};
    if (auto fatal =
            derive(target.config, "config_directory", state.primary().config_directory, request)) {
        return *fatal;
    }
    if (auto owner = state.claims.owner(target.config)) {
        return postmulti_fatal("new config_directory=" + target.config +
                               " is already in use by instance " + *owner + "=" + target.config);
    }
    return target;
}

/// The instance being added in `target.config`, before its name assignments: for `create` a
/// disabled secondary whose queue and data directories are derived into `target` when not given,
/// for `import` what its own main.cf says (load_imported(), whose postconf messages go to
/// `postconf_messages`); else postmulti's fatal.
std::variant<Instance, Fatal> instance_added(const EditContext& context, const Request& request,
                                             Directories& target, Diagnostics& postconf_messages) {
    if (request.action != Action::create) {
        // load_instance(): the imported instance's own main.cf supplies the rest.
        return load_imported(context, target.config, postconf_messages);
    }
    const Instance& primary = context.state.primary();
    Instance added;  // a disabled secondary
    added.config_directory = target.config;
    if (auto fatal = derive(target.queue, "queue_directory", primary.queue_directory, request))
        return *fatal;
    if (auto fatal = derive(target.data, "data_directory", primary.data_directory, request))
        return *fatal;
    added.queue_directory = target.queue;
    added.data_directory = target.data;
    return added;
}

/// Gives `added` the name and group `request` asks for, and claims its name and directories
/// against the host's claims (do_name_assignments() claims a new name, insert_instance() all the
/// rest); the fatal of the first one taken.
std::optional<Fatal> claim_added(const instance::HostState& state, const Request& request,
                                 Instance& added) {
    // The host's claims are not copied (a host of 1,000 instances has 4,000): the new instance's
    // own claims are kept apart, after the host's.
    instance::ClaimRegistry own_claims;
    auto claim = [&](std::string_view parameter, const std::string& value) {
        if (Status free = state.claims.check(added.config_directory, parameter, value); !free)
            return free;
        return own_claims.claim(added.config_directory, parameter, value);
    };
    if (request.new_name && *request.new_name != added.name) {
        if (const Status claimed = claim("multi_instance_name", *request.new_name); !claimed)
            return postmulti_fatal(claimed.error());
        added.name = *request.new_name;
    }
    if (request.new_group)
        added.group = *request.new_group;
    for (const auto& [parameter, value] :
         {std::pair<std::string_view, const std::string*>{"multi_instance_name", &added.name},
          {"config_directory", &added.config_directory},
          {"queue_directory", &added.queue_directory},
          {"data_directory", &added.data_directory}}) {
        if (value->empty())
            continue;  // an empty name is not claimed
        if (const Status claimed = claim(parameter, *value); !claimed)
            return postmulti_fatal(claimed.error());
    }
    return std::nullopt;
}

/// insert_instance(): where among the secondaries the new one goes, before the first that
/// `selection` matches, else at the end; a fatal when a selection other than all matches none.
std::variant<std::size_t, Fatal> insertion_position(const instance::HostState& state,
                                                    const Selection& selection) {
    if (selection.kind == Selection::Kind::none)
        return state.instances.size();
    for (std::size_t i = 1; i < state.instances.size(); ++i) {
        if (selection.matches(state.instances[i]))
            return i - 1;
    }
    if (selection.kind != Selection::Kind::all)
        return postmulti_fatal("No matching secondary instances");
    return state.instances.size();
}

/// The operations that give the new instance in `target` its files: the prototypes installed
/// when `create` finds main.cf or master.cf missing, else the edit of `names` (if any) into the
/// main.cf there; a fatal when an `import`'s directory lacks either file or a prototype is
/// missing.
std::variant<std::vector<lifecycle::Operation>, Fatal> file_operations(
    const EditContext& context, const Request& request, const Directories& target,
    const std::vector<Edit>& names) {
    const std::string main_cf = target.config + "/main.cf";
    const std::string master_cf = target.config + "/master.cf";
    const bool complete =
        context.host.is_regular_file(main_cf) && context.host.is_regular_file(master_cf);
    if (complete) {
        std::vector<lifecycle::Operation> operations;
        if (!names.empty())
            operations.emplace_back(lifecycle::EditMainCf{main_cf, names});
        return operations;
    }
    if (request.action == Action::import) {
        const char* missing = context.host.is_regular_file(main_cf) ? "master.cf" : "main.cf";
        return script_fatal("'" + target.config + "' lacks a " + missing + " file");
    }
    return install_files(context, target, names);
}

/// plan_add() proper; postconf's messages go to `postconf_messages`.
EditPlan plan_add_checked(const EditContext& context, const Request& request,
                          Diagnostics& postconf_messages) {
    const instance::HostState& state = context.state;
    if (auto fatal = check_name_assignments(request))
        return refused(*fatal);
    auto chosen = chosen_directories(state, request);
    if (auto* fatal = std::get_if<Fatal>(&chosen))
        return refused(*fatal);
    Directories& target = std::get<Directories>(chosen);
    auto loaded = instance_added(context, request, target, postconf_messages);
    if (auto* fatal = std::get_if<Fatal>(&loaded))
        return refused(*fatal);
    Instance& added = std::get<Instance>(loaded);
    // What main.cf must change: taken before claim_added() gives the instance its new name.
    const std::vector<Edit> names = name_assignments(request, added.name, added.group);
    if (auto fatal = claim_added(state, request, added))
        return refused(*fatal);
    const auto position = insertion_position(state, request.selection);
    if (auto* fatal = std::get_if<Fatal>(&position))
        return refused(*fatal);
    if (auto fatal = check_initialised(state))
        return refused(*fatal);

    auto files = file_operations(context, request, target, names);
    if (auto* fatal = std::get_if<Fatal>(&files))
        return refused(*fatal);
    EditPlan plan;
    plan.target_config_directory = target.config;
    plan.operations = std::move(std::get<std::vector<lifecycle::Operation>>(files));
    plan.operations.push_back(update_config_directories(
        context, directories_edit(state, added.config_directory, std::get<std::size_t>(position)),
        target.config, Alternate::drop));
    plan.operations.emplace_back(lifecycle::BuildQueueTree{target.config});
    return plan;
}

}  // namespace

EditPlan plan_add(const EditContext& context, const Request& request) {
    Diagnostics postconf_messages;
    EditPlan plan = plan_add_checked(context, request, postconf_messages);
    plan.postconf_messages = std::move(postconf_messages);
    return plan;
}

}  // namespace pmr::postmulti::steps
