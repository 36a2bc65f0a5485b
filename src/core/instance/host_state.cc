#include "core/instance/host_state.h"

#include <algorithm>

#include "core/instance/claims.h"
#include "core/maincf/configuration.h"
#include "core/support/words.h"

namespace pmr::instance {

namespace {

/// Lowercase copy, for mail_conf_bool's case-insensitive yes/no.
std::string lowercase(std::string_view text) {
    std::string out(text);
    std::ranges::transform(out, out.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return out;
}

/// Expands `name` in `config`; reports a failure located at the main.cf file.
std::optional<std::string> expanded(const maincf::Configuration& config, std::string_view name,
                                    Diagnostics& problems) {
    auto expansion = config.expanded(name);
    if (expansion.ok())
        return std::move(expansion.value);
    const maincf::Definition* definition = config.main_cf().find(name);
    for (const std::string& error : expansion.errors) {
        problems.push_back(make_error(config.main_cf().path(), definition ? definition->line : 0, 0,
                                      std::string(name) + ": " + error));
    }
    return std::nullopt;
}

/// A SecondaryReader over files already read.
SecondaryFiles find_secondary(const HostFiles& files, const std::string& config_directory) {
    SecondaryFiles found;
    if (auto file = files.secondaries.find(config_directory); file != files.secondaries.end()) {
        found.main_cf = file->second;  // shares the parsed file
    } else if (auto reason = files.read_errors.find(config_directory);
               reason != files.read_errors.end()) {
        found.read_error = reason->second;
    }
    if (auto master = files.master_cf_errors.find(config_directory);
        master != files.master_cf_errors.end()) {
        found.master_cf_error = master->second;
    }
    return found;
}

/// Registers an instance's claims; returns false after reporting the first conflict.
bool claim_instance(ClaimRegistry& claims, const Instance& instance, Diagnostics& problems) {
    auto claim = [&](std::string_view parameter, const std::string& value) {
        if (const Status claimed = claims.claim(instance.config_directory, parameter, value);
            !claimed) {
            problems.push_back(make_error("", 0, 0, claimed.error()));
            return false;
        }
        return true;
    };
    return (instance.name.empty() || claim("multi_instance_name", instance.name)) &&
           claim("config_directory", instance.config_directory) &&
           claim("queue_directory", instance.queue_directory) &&
           claim("data_directory", instance.data_directory);
}

}  // namespace

std::optional<Instance> read_instance(const std::string& config_directory,
                                      const maincf::MainCf* main_cf, std::string_view read_error,
                                      const maincf::ParameterDefaults& defaults,
                                      Diagnostics& problems) {
    const std::string failed =
        "Failed to obtain all required " + config_directory + "/main.cf parameters";
    if (main_cf == nullptr) {
        if (!read_error.empty())
            problems.push_back(make_error("", 0, 0, std::string(read_error)));
        problems.push_back(make_error("", 0, 0, failed));
        return std::nullopt;
    }
    if (main_cf->has_errors()) {
        for (const Diagnostic& d : main_cf->diagnostics()) {
            if (d.severity == Severity::error)
                problems.push_back(d);
        }
        problems.push_back(make_error("", 0, 0, failed));
        return std::nullopt;
    }
    // postmulti reads a secondary with `postconf -c DIR -x`, which enters config_directory=DIR
    // before loading DIR/main.cf: `$config_directory` is the instance's own directory unless its
    // main.cf sets another.
    const maincf::Configuration config(*main_cf, defaults, config_directory);
    const auto queue = expanded(config, "queue_directory", problems);
    const auto data = expanded(config, "data_directory", problems);
    const auto name = expanded(config, "multi_instance_name", problems);
    const auto group = expanded(config, "multi_instance_group", problems);
    const auto enable = expanded(config, "multi_instance_enable", problems);
    if (!queue || !data || !name || !group || !enable) {
        problems.push_back(make_error("", 0, 0, failed));
        return std::nullopt;
    }
    const std::string enable_word = lowercase(*enable);
    if (enable_word != "yes" && enable_word != "no") {
        problems.push_back(make_error("", 0, 0,
                                      "Unexpected " + config_directory +
                                          "/main.cf entry: multi_instance_enable = " + *enable));
        return std::nullopt;
    }
    return Instance{.config_directory = config_directory,
                    .queue_directory = *queue,
                    .data_directory = *data,
                    .name = *name,
                    .group = *group,
                    .enabled = enable_word == "yes",
                    .primary = false};
}

std::optional<Instance> load_secondary(const std::string& config_directory,
                                       const SecondaryFiles& files,
                                       const maincf::ParameterDefaults& defaults,
                                       Diagnostics& problems) {
    if (files.main_cf) {
        // postconf reads master.cf after a main.cf it could parse, and only warns when it cannot.
        if (files.master_cf_error && !files.main_cf->has_errors()) {
            problems.push_back(make_warning("", 0, 0, *files.master_cf_error));
        }
        return read_instance(config_directory, &*files.main_cf, "", defaults, problems);
    }
    return read_instance(config_directory, nullptr, files.read_error, defaults, problems);
}

std::vector<std::string> split_list(std::string_view value) {
    std::vector<std::string> items;
    std::size_t pos = 0;
    constexpr std::string_view separators = ", \t\r\n";
    while (pos < value.size()) {
        pos = value.find_first_not_of(separators, pos);
        if (pos == std::string_view::npos)
            break;
        std::size_t end = value.find_first_of(separators, pos);
        if (end == std::string_view::npos)
            end = value.size();
        items.emplace_back(value.substr(pos, end - pos));
        pos = end;
    }
    return items;
}

const Instance* HostState::find_by_config_directory(std::string_view config_directory) const {
    auto it = std::ranges::find(instances, config_directory, &Instance::config_directory);
    return it == instances.end() ? nullptr : &*it;
}

std::vector<std::string> HostState::secondary_directories() const {
    std::vector<std::string> directories;
    for (std::size_t i = 1; i < instances.size(); ++i) {
        directories.push_back(instances[i].config_directory);
    }
    return directories;
}

namespace {

/// build_host_state(), or with no `load` build_primary_state().
std::optional<HostState> build_state(const maincf::MainCf& primary_main_cf,
                                     const SecondaryLoader* load,
                                     std::string_view primary_config_directory,
                                     const maincf::ParameterDefaults& defaults,
                                     Diagnostics& problems) {
    const std::size_t problems_before = problems.size();
    if (primary_main_cf.has_errors()) {
        for (const Diagnostic& d : primary_main_cf.diagnostics()) {
            if (d.severity == Severity::error)
                problems.push_back(d);
        }
        return std::nullopt;
    }
    const maincf::Configuration primary_config(primary_main_cf, defaults);
    auto value = [&](std::string_view name) {
        return expanded(primary_config, name, problems).value_or("");
    };

    HostState state;
    Instance primary;
    primary.primary = true;
    primary.config_directory = std::string(primary_config_directory);
    primary.queue_directory = value("queue_directory");
    primary.data_directory = value("data_directory");
    primary.name = value("multi_instance_name");
    primary.group = value("multi_instance_group");
    state.multi_instance_enable = value("multi_instance_enable");
    state.multi_instance_wrapper = value("multi_instance_wrapper");
    state.shared = SharedDirectories{value("command_directory"), value("daemon_directory"),
                                     value("meta_directory"), value("shlib_directory")};
    state.alternate_config_directories = split_list(value("alternate_config_directories"));
    state.start_commands = split_list(value("postmulti_start_commands"));
    state.stop_commands = split_list(value("postmulti_stop_commands"));
    state.control_commands = split_list(value("postmulti_control_commands"));
    const std::vector<std::string> secondaries = split_list(value("multi_instance_directories"));
    if (problems.size() > problems_before)
        return std::nullopt;
    state.directories_listed_plainly =
        primary_main_cf.get("multi_instance_directories").value_or("") == join_words(secondaries);

    const std::string enable_word = lowercase(state.multi_instance_enable);
    if (enable_word != "yes" && enable_word != "no") {
        problems.push_back(make_error(
            "", 0, 0,
            "bad boolean configuration: multi_instance_enable = " + state.multi_instance_enable));
        return std::nullopt;
    }
    // Single-instance mode: with no secondaries the primary always runs.
    primary.enabled = enable_word == "yes" || secondaries.empty();

    ClaimRegistry& claims = state.claims;
    const std::pair<std::string_view, const std::string*> shared[] = {
        {"command_directory", &state.shared.command_directory},
        {"daemon_directory", &state.shared.daemon_directory},
        {"shlib_directory", &state.shared.shlib_directory},
    };
    for (const auto& [parameter, directory] : shared) {
        if (directory->empty() || directory->front() != '/')
            continue;  // "no" and the like
        if (const Status claimed = claims.claim(primary.config_directory, parameter, *directory);
            !claimed) {
            problems.push_back(make_error("", 0, 0, claimed.error()));
            return std::nullopt;
        }
    }
    if (!claim_instance(claims, primary, problems))
        return std::nullopt;
    state.instances.push_back(std::move(primary));
    if (load == nullptr)
        return state;

    for (const std::string& directory : secondaries) {
        auto secondary = (*load)(directory, problems);
        if (!secondary || !claim_instance(claims, *secondary, problems))
            return std::nullopt;
        state.instances.push_back(std::move(*secondary));
    }
    return state;
}

}  // namespace

bool append_secondary(HostState& state, Instance secondary, Diagnostics& problems) {
    if (!claim_instance(state.claims, secondary, problems))
        return false;
    state.instances.push_back(std::move(secondary));
    state.instances.front().enabled = lowercase(state.multi_instance_enable) == "yes";
    return true;
}

std::optional<HostState> build_host_state(const HostFiles& files,
                                          std::string_view primary_config_directory,
                                          const maincf::ParameterDefaults& defaults,
                                          Diagnostics& problems) {
    const SecondaryLoader load = [&](const std::string& config_directory, Diagnostics& found) {
        return load_secondary(config_directory, find_secondary(files, config_directory), defaults,
                              found);
    };
    return build_state(files.primary, &load, primary_config_directory, defaults, problems);
}

std::optional<HostState> build_host_state(const maincf::MainCf& primary,
                                          const SecondaryReader& read_secondary,
                                          std::string_view primary_config_directory,
                                          const maincf::ParameterDefaults& defaults,
                                          Diagnostics& problems) {
    const SecondaryLoader load = [&](const std::string& config_directory, Diagnostics& found) {
        return load_secondary(config_directory, read_secondary(config_directory), defaults, found);
    };
    return build_state(primary, &load, primary_config_directory, defaults, problems);
}

std::optional<HostState> build_host_state_from_records(const maincf::MainCf& primary,
                                                       const SecondaryLoader& load_secondary,
                                                       std::string_view primary_config_directory,
                                                       const maincf::ParameterDefaults& defaults,
                                                       Diagnostics& problems) {
    return build_state(primary, &load_secondary, primary_config_directory, defaults, problems);
}

std::optional<HostState> build_primary_state(const maincf::MainCf& primary,
                                             std::string_view primary_config_directory,
                                             const maincf::ParameterDefaults& defaults,
                                             Diagnostics& problems) {
    return build_state(primary, nullptr, primary_config_directory, defaults, problems);
}

}  // namespace pmr::instance
