#include "core/lifecycle/simulated_host.h"

#include "core/lifecycle/destroy_guard.h"
#include "core/maincf/editor.h"
#include "core/mastercf/edit_batches.h"
#include "core/support/overloaded.h"

namespace pmr::lifecycle {

SimulatedHost::SimulatedHost(std::string primary_config_directory,
                             const maincf::ParameterDefaults& defaults)
    : primary_config_directory_(std::move(primary_config_directory)), defaults_(&defaults) {}

void SimulatedHost::put_file(const std::string& path, std::string content) {
    forget_derived(path);
    files_[path] = std::make_shared<const std::string>(std::move(content));
}

void SimulatedHost::put_master_cf(const std::string& path, const mastercf::MasterCf& parsed) {
    forget_derived(path);
    files_[path] = parsed.shared_text().shared();
    mastercf::MasterCf kept = parsed.read_as(path);
    master_cfs_by_length_.insert_or_assign(kept.text().size(), kept);
    parsed_master_cfs_.insert_or_assign(path, std::move(kept));
}

void SimulatedHost::forget_derived(const std::string& path) {
    parsed_.erase(path);
    forget_master_cf(path);
    // The state is read from main.cf files alone: master.cf, prototypes and the run-time files
    // a destroy removes leave it as it is.
    constexpr std::string_view main_cf_name = "/main.cf";
    if (!path.ends_with(main_cf_name))
        return;
    state_cache_.reset();
    auto record =
        records_.find(std::string_view(path).substr(0, path.size() - main_cf_name.size()));
    if (record != records_.end())
        records_.erase(record);
}

void SimulatedHost::forget_master_cf(const std::string& path) {
    auto parsed = parsed_master_cfs_.find(path);
    if (parsed == parsed_master_cfs_.end())
        return;
    auto same_length = master_cfs_by_length_.find(parsed->second.text().size());
    if (same_length != master_cfs_by_length_.end() && same_length->second.path() == path)
        master_cfs_by_length_.erase(same_length);
    parsed_master_cfs_.erase(parsed);
}

void SimulatedHost::set_facts(const std::string& config_directory, RuntimeFacts facts) {
    facts_[config_directory] = facts;
}

bool SimulatedHost::is_regular_file(const std::string& path) const {
    return files_.contains(path);
}

std::optional<std::string> SimulatedHost::read_file(const std::string& path) const {
    const std::string* content = file(path);
    if (content == nullptr)
        return std::nullopt;
    return *content;
}

std::optional<SharedText> SimulatedHost::read_shared(const std::string& path) const {
    auto it = files_.find(path);
    if (it == files_.end())
        return std::nullopt;
    return SharedText(it->second);
}

const std::string* SimulatedHost::file(const std::string& path) const {
    auto it = files_.find(path);
    return it == files_.end() ? nullptr : it->second.get();
}

std::map<std::string, std::string> SimulatedHost::files() const {
    std::map<std::string, std::string> copy;
    for (const auto& [path, content] : files_)
        copy.emplace(path, *content);
    return copy;
}

const maincf::MainCf* SimulatedHost::main_cf(const std::string& path) const {
    auto cached = parsed_.find(path);
    if (cached != parsed_.end())
        return &cached->second;
    auto file = files_.find(path);
    if (file == files_.end())
        return nullptr;
    // The cache is an optimisation only: parsing is pure and gives the same result every time.
    auto& cache = const_cast<std::map<std::string, maincf::MainCf>&>(parsed_);
    return &cache.emplace(path, maincf::MainCf::parse(file->second, path)).first->second;
}

const mastercf::MasterCf* SimulatedHost::master_cf(const std::string& path) const {
    auto cached = parsed_master_cfs_.find(path);
    if (cached != parsed_master_cfs_.end())
        return &cached->second;
    auto file = files_.find(path);
    if (file == files_.end())
        return nullptr;
    // As for main.cf, a cache only: parsing is pure.
    return &parsed_master_cfs_.emplace(path, parse_master_cf(SharedText(file->second), path))
                .first->second;
}

mastercf::MasterCf SimulatedHost::parse_master_cf(const SharedText& text,
                                                  const std::string& path) const {
    auto same_length = master_cfs_by_length_.find(text.str().size());
    if (same_length != master_cfs_by_length_.end() && same_length->second.shared_text() == text)
        return same_length->second.read_as(path);
    mastercf::MasterCf parsed = mastercf::MasterCf::parse(text, path);
    master_cfs_by_length_.insert_or_assign(text.str().size(), parsed);
    return parsed;
}

RuntimeFacts SimulatedHost::facts(const std::string& config_directory) const {
    auto it = facts_.find(config_directory);
    return it == facts_.end() ? RuntimeFacts{} : it->second;
}

bool SimulatedHost::has_directory(const std::string& path) const {
    return directories_.contains(path);
}

std::optional<instance::HostState> SimulatedHost::state(Diagnostics& problems) const {
    auto shared = shared_state(problems);
    if (!shared)
        return std::nullopt;
    return *shared;
}

std::shared_ptr<const instance::HostState> SimulatedHost::shared_state(
    Diagnostics& problems) const {
    if (!state_cache_) {
        StateCache cache;
        if (auto built = build_state(cache.problems)) {
            cache.state = std::make_shared<const instance::HostState>(std::move(*built));
        }
        state_cache_ = std::move(cache);
    }
    problems.insert(problems.end(), state_cache_->problems.begin(), state_cache_->problems.end());
    return state_cache_->state;
}

std::optional<instance::HostState> SimulatedHost::build_state(Diagnostics& problems) const {
    const maincf::MainCf* primary = main_cf(primary_config_directory_ + "/main.cf");
    if (primary == nullptr) {
        problems.push_back(make_error(
            "", 0, 0, "open " + primary_config_directory_ + "/main.cf: No such file or directory"));
        return std::nullopt;
    }
    const instance::SecondaryLoader load = [this](const std::string& config_directory,
                                                  Diagnostics& found) {
        return secondary_record(config_directory, found);
    };
    return instance::build_host_state_from_records(*primary, load, primary_config_directory_,
                                                   *defaults_, problems);
}

std::optional<instance::Instance> SimulatedHost::secondary_record(
    const std::string& config_directory, Diagnostics& problems) const {
    auto cached = records_.find(config_directory);
    if (cached == records_.end()) {
        auto record = std::make_shared<SecondaryRecord>();
        instance::SecondaryFiles files;
        if (const maincf::MainCf* secondary = main_cf(config_directory + "/main.cf")) {
            files.main_cf = *secondary;
        } else {
            files.read_error = "open " + config_directory + "/main.cf: No such file or directory";
        }
        record->instance =
            instance::load_secondary(config_directory, files, *defaults_, record->problems);
        cached = records_.emplace(config_directory, std::move(record)).first;
    }
    const SecondaryRecord& record = *cached->second;
    problems.insert(problems.end(), record.problems.begin(), record.problems.end());
    return record.instance;
}

Status SimulatedHost::apply(const Operation& operation) {
    using Outcome = Status;
    return std::visit(
        Overloaded{
            [&](const EditMainCf& op) -> Outcome {
                const maincf::MainCf* current = main_cf(op.path);
                if (current == nullptr)
                    return Status::failure("open " + op.path +
                                           " for reading: No such file or directory");
                put_file(op.path, maincf::apply_edits(*current, op.edits).text);
                return ok_status();
            },
            [&](const EditMasterCf& op) -> Outcome { return edit_master_cf(op); },
            [&](const CreateDirectories& op) -> Outcome {
                directories_.insert(op.path);
                return ok_status();
            },
            [&](const InstallFile& op) -> Outcome {
                forget_derived(op.path);
                files_[op.path] = op.content.shared();
                return ok_status();
            },
            [&](const BuildQueueTree& op) -> Outcome {
                directories_.insert(op.config_directory);
                return ok_status();
            },
            [&](const RequireStopped& op) -> Outcome {
                if (facts(op.config_directory).running)
                    return Status::failure("Instance '" + op.config_directory + "' is not stopped");
                return ok_status();
            },
            [&](const RemoveQueueTree& op) -> Outcome {
                directories_.erase(op.queue_directory);
                directories_.erase(op.data_directory);
                return ok_status();
            },
            [&](const RemoveFile& op) -> Outcome {
                forget_derived(op.path);
                files_.erase(op.path);
                return ok_status();
            },
            [&](const RemoveDirectory& op) -> Outcome {
                directories_.erase(op.path);
                return ok_status();
            },
            [&](const RunPostfix& op) -> Outcome { return run_postfix(op); },
            [&](const RequireEmptyQueue& op) -> Outcome {
                const Status empty = check_queue_empty(facts(op.config_directory).queued_messages);
                if (empty)
                    return ok_status();
                const std::string& label = op.instance.empty() ? op.config_directory : op.instance;
                return Status::failure(
                    destroy_refused_message(label, op.config_directory, empty.error()));
            }},
        operation);
}

Status SimulatedHost::edit_master_cf(const EditMasterCf& op) {
    const mastercf::MasterCf* current = master_cf(op.path);
    if (current == nullptr)
        return Status::failure("open " + op.path + " for reading: No such file or directory");
    auto outcome = mastercf::apply_edit_batches(*current, op.edits);
    if (outcome.error)
        return Status::failure(op.path + ": " + *outcome.error);
    if (outcome.changed)
        put_master_cf(op.path, outcome.master_cf);  // its last pass parsed the new text
    return ok_status();
}

Status SimulatedHost::run_postfix(const RunPostfix& op) {
    switch (op.command) {
        case PostfixCommand::stop:
            facts_[op.config_directory].running = false;
            return ok_status();
        case PostfixCommand::reload:
            return ok_status();  // a running instance stays running; a stopped one, stopped
        case PostfixCommand::start:
            // postfix-script's own refusal, with its exit status 1.
            if (facts_[op.config_directory].running) {
                return Status::failure(
                    "postfix/postfix-script: fatal: the Postfix mail system "
                    "is already running");
            }
            facts_[op.config_directory].running = true;
            return ok_status();
    }
    return ok_status();
}

}  // namespace pmr::lifecycle
