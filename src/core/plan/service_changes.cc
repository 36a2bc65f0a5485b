#include "core/plan/service_changes.h"

#include <algorithm>
#include <iterator>
#include <optional>

#include "core/mastercf/command_parts.h"
#include "core/mastercf/views.h"

namespace pmr::plan {

namespace {

using manifest::DesiredService;
using mastercf::Service;

constexpr std::string_view service_prefix = "service ";
constexpr std::string_view option_infix = " -o ";

/// The columns after NAME TYPE, then the command without its `-o` overrides, space separated.
std::string summary(const Service& service) {
    std::string text;
    for (std::size_t i = 2; i < 7; ++i)
        text += service.words[i] + " ";
    const mastercf::CommandParts parts = mastercf::command_parts(service);
    for (std::size_t i = 0; i < parts.command.size(); ++i)
        text += (i == 0 ? "" : " ") + parts.command[i];
    return text;
}

/// The value of `-o name=...` in effect for `service` (the last one wins), or nullopt.
std::optional<std::string> option_value(const Service& service, const std::string& name) {
    std::optional<std::string> value;
    for (const mastercf::ServiceParameter& p : mastercf::parameters_of(service)) {
        if (p.name == name)
            value = p.value;
    }
    return value;
}

/// The name of the `-o` value `word` (`name=value`), or "".
std::string option_name(const std::string& word) {
    const auto split = mastercf::split_name_value(word);
    return split ? split->name : std::string();
}

/// Sets, replaces or removes one `-o` of `words`, as postconf -P and -PX would: each setting
/// replaced in place, a new one added after the last option (or right after the command).
void set_option(std::vector<std::string>& words, const manifest::ServiceOption& option) {
    const Service service{words};
    if (option_value(service, option.name) == option.value)
        return;
    const std::vector<std::size_t> indexes = mastercf::command_parts(service).option_indexes;
    std::vector<std::size_t> matching;
    for (const std::size_t i : indexes) {
        if (option_name(words[i + 1]) == option.name)
            matching.push_back(i);
    }
    if (!option.value) {
        for (auto it = matching.rbegin(); it != matching.rend(); ++it) {
            const auto at = words.begin() + static_cast<std::ptrdiff_t>(*it);
            words.erase(at, at + 2);
        }
        return;
    }
    const std::string setting = option.name + "=" + *option.value;
    if (!matching.empty()) {
        for (const std::size_t i : matching)
            words[i + 1] = setting;
        return;
    }
    const std::size_t at = indexes.empty() ? 8 : indexes.back() + 2;
    words.insert(words.begin() + static_cast<std::ptrdiff_t>(at), {"-o", setting});
}

/// Replaces the command and its arguments, keeping the `-o` overrides right after the command.
void set_command(std::vector<std::string>& words, const std::vector<std::string>& command) {
    const mastercf::CommandParts parts = mastercf::command_parts(Service{words});
    if (parts.command == command)
        return;
    std::vector<std::string> rebuilt(words.begin(), words.begin() + 7);
    rebuilt.push_back(command.front());
    for (const std::size_t i : parts.option_indexes) {
        rebuilt.push_back(words[i]);
        rebuilt.push_back(words[i + 1]);
    }
    rebuilt.insert(rebuilt.end(), command.begin() + 1, command.end());
    words = std::move(rebuilt);
}

/// The entry `d` asks for: `current` (nullptr: none yet) with the listed fields, command and
/// options set. nullopt, with the reason in `problem`, when a new service has no command.
std::optional<Service> wanted_service(const Service* current, const DesiredService& d,
                                      std::string& problem) {
    std::vector<std::string> words;
    if (current != nullptr) {
        words = current->words;
    } else if (!d.command) {
        problem = "service '" + d.key() + "' is not in master.cf, and its entry gives no command";
        return std::nullopt;
    } else {
        words = {d.name, d.type, "-", "-", "-", "-", "-", "?"};
    }
    const std::pair<std::size_t, const std::optional<manifest::ServiceField>*> fields[] = {
        {2, &d.private_},
        {3, &d.unprivileged},
        {4, &d.chroot},
        {5, &d.wakeup},
        {6, &d.process_limit}};
    for (const auto& [index, field] : fields) {
        if (*field)
            words[index] = (*field)->value;
    }
    if (d.command)
        set_command(words, mastercf::parse_command(d.command->value).words);
    for (const manifest::ServiceOption& option : d.options)
        set_option(words, option);
    return Service{std::move(words)};
}

/// The -Me definition of `service`, or "" when its text would not read back as it.
std::string definition_of(const Service& service) {
    std::string text = mastercf::format_entry(service, mastercf::Folding::none);
    if (text.ends_with('\n'))
        text.pop_back();
    const mastercf::ParsedService reread = mastercf::parse_service(text);
    return reread.service && reread.service->words == service.words ? text : std::string();
}

void add_changes(std::vector<Change>& changes, const DesiredService& d, const Service* before,
                 const Service* after) {
    std::optional<std::string> was = before ? std::optional(summary(*before)) : std::nullopt;
    std::optional<std::string> is = after ? std::optional(summary(*after)) : std::nullopt;
    if (was != is)
        changes.push_back({service_change_name(d.key()), was, is});
    if (after == nullptr)
        return;
    for (const manifest::ServiceOption& option : d.options) {
        auto old_value = before ? option_value(*before, option.name) : std::nullopt;
        auto new_value = option_value(*after, option.name);
        if (old_value != new_value) {
            changes.push_back({option_change_name(d.key(), option.name), std::move(old_value),
                               std::move(new_value)});
        }
    }
}

}  // namespace

ServicePlan plan_services(const mastercf::MasterCf& current,
                          const std::vector<DesiredService>& desired,
                          const std::string& manifest_path) {
    ServicePlan plan;
    std::vector<mastercf::Edit> definitions;
    for (const DesiredService& d : desired) {
        const mastercf::Entry* entry = current.find(d.name, d.type);
        const Service* before = entry ? &entry->service : nullptr;
        const mastercf::ServicePattern pattern{d.name, d.type};
        if (d.absent) {
            if (before != nullptr) {
                plan.edits.emplace_back(mastercf::RemoveService{pattern});
                add_changes(plan.changes, d, before, nullptr);
            }
            continue;
        }
        std::string problem;
        const std::optional<Service> after = wanted_service(before, d, problem);
        if (after && before && after->words == before->words)
            continue;
        const std::string definition = after ? definition_of(*after) : std::string();
        if (after && definition.empty()) {
            problem = "service '" + d.key() + "' cannot be written as one master.cf entry";
        }
        if (!problem.empty()) {
            plan.problems.push_back(
                make_error(manifest_path, d.position.line, d.position.column, problem));
            continue;
        }
        definitions.emplace_back(mastercf::SetService{pattern, definition});
        add_changes(plan.changes, d, before, &*after);
    }
    plan.edits.insert(plan.edits.end(), definitions.begin(), definitions.end());
    return plan;
}

bool plan_master_cf(const lifecycle::SimulatedHost& host, const std::string& config_directory,
                    const std::vector<DesiredService>& services, const std::string& manifest_path,
                    std::vector<Change>& changes, std::vector<lifecycle::Operation>& operations,
                    Diagnostics& problems) {
    const std::string path = config_directory + "/master.cf";
    const mastercf::MasterCf* master_cf = host.master_cf(path);
    if (master_cf == nullptr) {
        problems.push_back(
            make_error(manifest_path, 0, 0, path + ": no master.cf to manage the services of"));
        return false;
    }
    if (master_cf->has_errors()) {
        for (const Diagnostic& d : master_cf->diagnostics()) {
            if (d.severity == Severity::error)
                problems.push_back(d);
        }
        return false;
    }
    ServicePlan planned = plan_services(*master_cf, services, manifest_path);
    if (!planned.problems.empty()) {
        std::ranges::move(planned.problems, std::back_inserter(problems));
        return false;
    }
    std::ranges::move(planned.changes, std::back_inserter(changes));
    if (!planned.edits.empty())
        operations.emplace_back(lifecycle::EditMasterCf{path, std::move(planned.edits)});
    return true;
}

std::string service_change_name(const std::string& key) {
    return std::string(service_prefix) + key;
}

std::string option_change_name(const std::string& key, const std::string& option) {
    return service_change_name(key) + std::string(option_infix) + option;
}

std::optional<ServiceSubject> service_subject(const Change& change) {
    if (!change.name.starts_with(service_prefix))
        return std::nullopt;
    const std::string_view rest = std::string_view(change.name).substr(service_prefix.size());
    const std::size_t infix = rest.find(option_infix);
    if (infix == std::string_view::npos)
        return ServiceSubject{std::string(rest), {}};
    return ServiceSubject{std::string(rest.substr(0, infix)),
                          std::string(rest.substr(infix + option_infix.size()))};
}

bool is_service_change(const Change& change) {
    return change.name.starts_with(service_prefix) &&
           change.name.find(option_infix) == std::string::npos;
}

}  // namespace pmr::plan
