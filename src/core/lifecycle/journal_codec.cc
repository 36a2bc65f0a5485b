#include "core/lifecycle/journal_codec.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "core/support/json_writer.h"

namespace pmr::lifecycle {

namespace {

constexpr std::pair<maincf::EditKind, std::string_view> edit_kind_names[] = {
    {maincf::EditKind::set, "set"},
    {maincf::EditKind::remove, "remove"},
    {maincf::EditKind::comment_out, "comment_out"},
    {maincf::EditKind::append_to_list, "append_to_list"},
};

std::string_view edit_kind_name(maincf::EditKind kind) {
    for (const auto& [known, name] : edit_kind_names) {
        if (known == kind)
            return name;
    }
    throw std::logic_error("edit kind without a journal name");
}

/// The kind named `name`; an unknown one (of a newer pmreconcile) is refused, never guessed.
maincf::EditKind edit_kind_named(const YAML::Node& node) {
    const std::string name = node.as<std::string>();
    for (const auto& [kind, known] : edit_kind_names) {
        if (known == name)
            return kind;
    }
    throw YAML::Exception(node.Mark(), "unknown edit kind '" + name + "'");
}

/// The postfix(1) command named by `node`; an unknown one is refused, never guessed.
PostfixCommand postfix_command_in(const YAML::Node& node) {
    const std::string word = node.as<std::string>();
    if (const auto command = postfix_command_named(word))
        return *command;
    throw YAML::Exception(node.Mark(), "unknown postfix command '" + word + "'");
}

bool appends_to_a_list(const JournalEntry& entry);

constexpr std::pair<mastercf::EditMode, std::string_view> edit_mode_names[] = {
    {mastercf::EditMode::set_service, "set_service"},
    {mastercf::EditMode::remove_service, "remove_service"},
    {mastercf::EditMode::comment_out_service, "comment_out_service"},
    {mastercf::EditMode::set_field, "set_field"},
    {mastercf::EditMode::set_parameter, "set_parameter"},
    {mastercf::EditMode::remove_parameter, "remove_parameter"},
};

std::string_view edit_mode_name(mastercf::EditMode mode) {
    for (const auto& [known, name] : edit_mode_names) {
        if (known == mode)
            return name;
    }
    throw std::logic_error("master.cf edit mode without a journal name");
}

/// A master.cf edit from its mode and postconf's argument for it; an unknown mode, or an
/// argument postconf would refuse, is refused.
mastercf::Edit master_cf_edit(const YAML::Node& node) {
    const std::string name = node["mode"].as<std::string>();
    for (const auto& [mode, known] : edit_mode_names) {
        if (known != name)
            continue;
        auto parsed = mastercf::parse_request(mode, node["request"].as<std::string>());
        if (!parsed)
            throw YAML::Exception(node.Mark(), "bad master.cf edit: " + parsed.error());
        return std::move(parsed).value();
    }
    throw YAML::Exception(node.Mark(), "unknown master.cf edit mode '" + name + "'");
}

bool edits_a_master_cf(const JournalEntry& entry) {
    return std::ranges::any_of(entry.operations, [](const Operation& operation) {
        return std::holds_alternative<EditMasterCf>(operation);
    });
}

/// The oldest format_version that can hold the entry: a digest of the steps of a plan (see
/// operations_digest()) stays what it was for the kinds an older version knew.
std::string_view format_version_of(const JournalEntry& entry) {
    if (!entry.owed.empty())
        return "2.0";
    if (edits_a_master_cf(entry))
        return "1.2";
    return appends_to_a_list(entry) ? "1.1" : "1.0";
}

bool appends_to_a_list(const JournalEntry& entry) {
    return std::ranges::any_of(entry.operations, [](const Operation& operation) {
        const auto* edit = std::get_if<EditMainCf>(&operation);
        return edit != nullptr && std::ranges::any_of(edit->edits, [](const maincf::Edit& e) {
                   return e.kind == maincf::EditKind::append_to_list;
               });
    });
}

struct Encoder {
    JsonWriter& json;
    void operator()(const EditMainCf& op) const {
        json.key("op").value("edit_main_cf").key("path").value(op.path).key("edits").begin_array();
        for (const maincf::Edit& e : op.edits) {
            json.begin_object()
                .key("kind")
                .value(edit_kind_name(e.kind))
                .key("name")
                .value(e.name)
                .key("value")
                .value(e.value)
                .end_object();
        }
        json.end_array();
    }
    void operator()(const EditMasterCf& op) const {
        json.key("op")
            .value("edit_master_cf")
            .key("path")
            .value(op.path)
            .key("edits")
            .begin_array();
        for (const mastercf::Edit& e : op.edits) {
            json.begin_object()
                .key("mode")
                .value(edit_mode_name(mastercf::mode_of(e)))
                .key("request")
                .value(mastercf::request_text(e))
                .end_object();
        }
        json.end_array();
    }
    void operator()(const CreateDirectories& op) const {
        json.key("op")
            .value("create_directories")
            .key("path")
            .value(op.path)
            .key("mode")
            .value(static_cast<int>(op.mode));
    }
    void operator()(const InstallFile& op) const {
        json.key("op")
            .value("install_file")
            .key("path")
            .value(op.path)
            .key("content")
            .value(op.content.str())
            .key("mode")
            .value(static_cast<int>(op.mode));
    }
    void operator()(const BuildQueueTree& op) const {
        json.key("op").value("build_queue_tree").key("config_directory").value(op.config_directory);
    }
    void operator()(const RequireStopped& op) const {
        json.key("op").value("require_stopped").key("config_directory").value(op.config_directory);
        json.key("queue_directory").value(op.queue_directory);
    }
    void operator()(const RemoveQueueTree& op) const {
        json.key("op")
            .value("remove_queue_tree")
            .key("queue_directory")
            .value(op.queue_directory)
            .key("data_directory")
            .value(op.data_directory);
    }
    void operator()(const RemoveFile& op) const {
        json.key("op").value("remove_file").key("path").value(op.path);
    }
    void operator()(const RemoveDirectory& op) const {
        json.key("op").value("remove_directory").key("path").value(op.path);
    }
    void operator()(const RunPostfix& op) const {
        json.key("op")
            .value("run_postfix")
            .key("config_directory")
            .value(op.config_directory)
            .key("command")
            .value(to_string(op.command));
        if (!op.instance.empty())
            json.key("instance").value(op.instance);
        if (!op.queue_directory.empty())
            json.key("queue_directory").value(op.queue_directory);
    }
    void operator()(const RequireEmptyQueue& op) const {
        json.key("op")
            .value("require_empty_queue")
            .key("config_directory")
            .value(op.config_directory)
            .key("queue_directory")
            .value(op.queue_directory);
        json.key("instance").value(op.instance);
    }
};

Operation decode_operation(const YAML::Node& node) {
    const std::string op = node["op"].as<std::string>();
    auto text = [&](const char* key) { return node[key].as<std::string>(); };
    if (op == "edit_main_cf") {
        EditMainCf edit{text("path"), {}};
        for (const YAML::Node& e : node["edits"]) {
            edit.edits.push_back(maincf::Edit{edit_kind_named(e["kind"]),
                                              e["name"].as<std::string>(),
                                              e["value"].as<std::string>()});
        }
        return edit;
    }
    if (op == "edit_master_cf") {
        EditMasterCf edit{text("path"), {}};
        for (const YAML::Node& e : node["edits"])
            edit.edits.push_back(master_cf_edit(e));
        return edit;
    }
    if (op == "create_directories")
        return CreateDirectories{text("path"), node["mode"].as<unsigned>()};
    if (op == "install_file") {
        return InstallFile{text("path"), text("content"), node["mode"].as<unsigned>()};
    }
    if (op == "build_queue_tree")
        return BuildQueueTree{text("config_directory")};
    if (op == "require_stopped") {
        return RequireStopped{text("config_directory"),
                              node["queue_directory"] ? text("queue_directory") : std::string()};
    }
    if (op == "remove_queue_tree") {
        return RemoveQueueTree{text("queue_directory"), text("data_directory")};
    }
    if (op == "remove_file")
        return RemoveFile{text("path")};
    if (op == "remove_directory")
        return RemoveDirectory{text("path")};
    if (op == "run_postfix")
        return RunPostfix{text("config_directory"), postfix_command_in(node["command"]),
                          node["instance"] ? text("instance") : std::string(),
                          node["queue_directory"] ? text("queue_directory") : std::string()};
    if (op == "require_empty_queue") {
        return RequireEmptyQueue{text("config_directory"), text("queue_directory"),
                                 node["instance"] ? text("instance") : std::string()};
    }
    throw YAML::Exception(node.Mark(), "unknown operation '" + op + "'");
}

/// The owed work of a 2.x journal; an unknown kind is refused, never guessed.
std::vector<OwedWork> decode_owed(const YAML::Node& list) {
    std::vector<OwedWork> owed;
    for (const YAML::Node& node : list) {
        const std::string name = node["kind"].as<std::string>();
        const auto kind = owed_kind_named(name);
        if (!kind)
            throw YAML::Exception(node["kind"].Mark(), "unknown owed work kind '" + name + "'");
        owed.push_back(OwedWork{*kind, node["config_directory"].as<std::string>()});
    }
    return owed;
}

}  // namespace

std::string encode_journal(const JournalEntry& entry) {
    JsonWriter json;
    json.begin_object()
        .key("format_version")
        .value(format_version_of(entry))
        .key("step")
        .value(entry.step);
    json.key("operations").begin_array();
    for (const Operation& operation : entry.operations) {
        json.begin_object();
        std::visit(Encoder{json}, operation);
        json.end_object();
    }
    json.end_array();
    // Left out when empty: a journal without owed work reads as it did before 2.0.
    if (!entry.owed.empty()) {
        json.key("owed").begin_array();
        for (const OwedWork& owed : entry.owed) {
            json.begin_object()
                .key("kind")
                .value(to_string(owed.kind))
                .key("config_directory")
                .value(owed.config_directory)
                .end_object();
        }
        json.end_array();
    }
    json.end_object();
    return json.str() + "\n";
}

std::optional<JournalEntry> decode_journal(std::string_view text, const std::string& path,
                                           Diagnostics& problems) {
    try {
        const YAML::Node root = YAML::Load(std::string(text));
        const std::string version = root["format_version"].as<std::string>();
        const std::string major = version.substr(0, version.find('.'));
        if (major != "1" && major != "2") {
            throw YAML::Exception(root["format_version"].Mark(),
                                  "format_version " + version +
                                      " is not supported (this pmreconcile reads 1.x and 2.x)");
        }
        JournalEntry entry;
        // 1.x always names the step it journals; 2.x may hold owed work alone.
        if (major == "1" || root["step"])
            entry.step = root["step"].as<std::string>();
        for (const YAML::Node& node : root["operations"]) {
            entry.operations.push_back(decode_operation(node));
        }
        if (major == "2" && root["owed"])
            entry.owed = decode_owed(root["owed"]);
        return entry;
    } catch (const YAML::Exception& error) {
        problems.push_back(make_error(path, error.mark.line + 1, error.mark.column + 1,
                                      "damaged apply journal: " + error.msg));
        return std::nullopt;
    }
}

}  // namespace pmr::lifecycle
