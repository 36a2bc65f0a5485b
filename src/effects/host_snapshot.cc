#include "effects/host_snapshot.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <set>

#include "core/instance/instance_index.h"
#include "core/maincf/configuration.h"
#include "core/manifest/directories.h"
#include "core/support/sha256.h"
#include "effects/bulk_heap.h"
#include "effects/directory_entries.h"
#include "effects/instance_probe.h"
#include "effects/read_file.h"

namespace pmr::effects {

namespace {

/// Reads `path` into the snapshot when it exists; returns whether it did. One that exists but
/// cannot be trusted (a symbolic link, a directory, world-writable, unreadable) is an error.
bool take_file(lifecycle::SimulatedHost& host, std::set<std::string>& fingerprinted,
               const std::string& path, bool fingerprint, Diagnostics& problems) {
    auto text = read_config_file_if_exists(path);
    if (!text) {
        problems.push_back(make_error("", 0, 0, text.error()));
        return false;
    }
    if (!*text)
        return false;
    if (fingerprint)
        fingerprinted.insert(path);
    host.put_file(path, std::move(**text));
    return true;
}

/// Fingerprints `path`, which must be read without a problem when it exists: the snapshot's
/// copy when it holds one already (begin_snapshot reads every master.cf, and a problem there
/// is only a warning), else read now.
bool take_fingerprinted_file(lifecycle::SimulatedHost& host, std::set<std::string>& fingerprinted,
                             const std::string& path, Diagnostics& problems) {
    if (host.file(path) == nullptr)
        return take_file(host, fingerprinted, path, true, problems);
    fingerprinted.insert(path);
    return true;
}

/// Records, as empty files, what a stopped Postfix leaves in an instance's queue and data
/// directories and what never holds mail: the lock files in pid/ (master.pid, unix.smtp, ...),
/// the sockets and FIFOs of its services in public/ and private/, and master.lock and prng_exch
/// in the data directory. A planned destroy removes them (after the stop) so that the
/// directories can go too; anything else stays and is reported.
void take_runtime_files(lifecycle::SimulatedHost& host, const instance::Instance& i) {
    auto scan = [&](const std::string& directory, bool (*wanted)(mode_t)) {
        const int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            return;
        (void)for_each_entry(fd, [&](int, std::string_view name, const struct stat& st) {
            if (wanted(st.st_mode))
                host.put_file(directory + "/" + std::string(name), "");
        });
    };
    auto regular = [](mode_t mode) { return S_ISREG(mode); };
    auto endpoint = [](mode_t mode) { return S_ISSOCK(mode) || S_ISFIFO(mode); };
    scan(i.queue_directory + "/pid", regular);
    scan(i.queue_directory + "/public", endpoint);
    scan(i.queue_directory + "/private", endpoint);
    for (const char* name : {"master.lock", "prng_exch"}) {
        const std::string path = i.data_directory + "/" + name;
        struct stat st {};
        if (::lstat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode))
            host.put_file(path, "");
    }
}

/// Why an existing directory of an instance cannot be used (pmreconcile, like Postfix, trusts
/// only what root owns), or "" when it can or does not exist yet.
std::string check_instance_directory(const std::string& path) {
    struct stat st {};
    if (::lstat(path.c_str(), &st) < 0)
        return {};
    if (S_ISLNK(st.st_mode))
        return path + ": refusing an instance directory that is a symbolic link";
    if (!S_ISDIR(st.st_mode))
        return path + ": refusing an instance directory that is not a directory";
    if (st.st_uid != 0) {
        return path + ": refusing an instance directory owned by uid " + std::to_string(st.st_uid) +
               ", not root";
    }
    return {};
}

/// The directories each entry of `manifest` means (manifest::directories_of()) on the host
/// whose instances are `state` (nullptr when they could not be read) and whose primary's
/// main.cf reads as `config`.
std::vector<std::optional<manifest::Directories>> meant_directories(
    const manifest::Manifest& manifest, const instance::HostState* state,
    const maincf::Configuration& config, const std::string& config_directory) {
    std::optional<instance::InstanceIndex> index;
    manifest::Directories primary{config_directory,
                                  config.expanded_or("queue_directory", "/var/spool/postfix"),
                                  config.expanded_or("data_directory", "/var/lib/postfix")};
    if (state) {
        index.emplace(*state);
        primary = manifest::directories_of(state->primary());
    }
    std::vector<std::optional<manifest::Directories>> meant;
    meant.reserve(manifest.instances.size());
    for (const manifest::DesiredInstance& d : manifest.instances)
        meant.push_back(manifest::directories_of(d, primary, index ? &*index : nullptr));
    return meant;
}

}  // namespace

std::optional<HostSnapshot> begin_snapshot(const std::string& config_directory,
                                           const maincf::ParameterDefaults& defaults,
                                           Diagnostics& problems) {
    HostSnapshot snapshot{lifecycle::SimulatedHost(config_directory, defaults), {}, {}, {}, {}};
    lifecycle::SimulatedHost& host = snapshot.host;
    std::set<std::string>& fingerprinted = snapshot.fingerprinted_paths;

    const std::string primary_path = config_directory + "/main.cf";
    auto primary_text = read_config_file(primary_path);
    if (!primary_text) {
        problems.push_back(make_error("", 0, 0, primary_text.error()));
        return std::nullopt;
    }
    fingerprinted.insert(primary_path);
    host.put_file(primary_path, std::move(primary_text).value());
    const maincf::MainCf& primary = *host.main_cf(primary_path);
    const maincf::Configuration config(primary, defaults);
    snapshot.state_files = state_files_for(config_directory);
    if (auto journal = read_journal(snapshot.state_files); !journal) {
        // Planning needs no root; apply reads the journal again, under its lock, and stops there.
        problems.push_back(make_warning(
            "", 0, 0, "cannot tell whether an apply was interrupted: " + journal.error()));
    } else if (*journal) {
        if ((*journal)->has_step())
            snapshot.interrupted_step = (*journal)->step;
        snapshot.owed_work = (*journal)->owed;
    }
    const std::vector<std::string> secondaries =
        instance::split_list(config.expanded("multi_instance_directories").value);
    // Every secondary's main.cf and master.cf is held from here on: ready the heap before they
    // are read (10,000 of them are 350 MB), not after (when the command readied it).
    reserve_heap_for_whole_host(heap_bytes_for_instances(secondaries.size()));
    for (const std::string& dir : secondaries)
        take_file(host, fingerprinted, dir + "/main.cf", true, problems);
    const std::string meta = config.expanded_or("meta_directory", "/etc/postfix");
    take_file(host, fingerprinted, meta + "/main.cf.proto", false, problems);
    take_file(host, fingerprinted, meta + "/master.cf.proto", false, problems);
    Diagnostics ignored;
    (void)host.shared_state(ignored);  // read every instance now, while the manifest is parsed
    take_master_cf_files(snapshot, problems);  // and their master.cf, for the mail flow
    return snapshot;
}

bool complete_snapshot(HostSnapshot& snapshot, const manifest::Manifest& manifest,
                       const maincf::ParameterDefaults& defaults, Diagnostics& problems) {
    lifecycle::SimulatedHost& host = snapshot.host;
    std::set<std::string>& fingerprinted = snapshot.fingerprinted_paths;
    const std::string& config_directory = host.primary_config_directory();
    const maincf::MainCf& primary = *host.main_cf(config_directory + "/main.cf");
    const maincf::Configuration config(primary, defaults);

    // The directories each entry means, on the host as read (files of other config directories
    // read below change no instance).
    Diagnostics ignored;
    const auto state = host.shared_state(ignored);
    const std::vector<std::optional<manifest::Directories>> meant =
        meant_directories(manifest, state.get(), config, config_directory);

    // Config directories the manifest names may hold an instance to import.
    const std::vector<std::string> listed_directories =
        instance::split_list(config.expanded("multi_instance_directories").value);
    const std::set<std::string_view> listed(listed_directories.begin(), listed_directories.end());
    for (const std::optional<manifest::Directories>& directories : meant) {
        if (!directories)
            continue;
        const std::string& dir = directories->config_directory;
        if (listed.contains(dir) || dir == config_directory)
            continue;
        if (take_file(host, fingerprinted, dir + "/main.cf", true, problems)) {
            take_file(host, fingerprinted, dir + "/master.cf", false, problems);
        }
    }
    (void)host.shared_state(ignored);  // read again now, for the planner

    // The config and queue directories of every instance the manifest keeps: an existing one
    // must be root's own directory. (data_directory belongs to mail_owner.) Queues are counted
    // only where a destroy may be planned.
    std::set<std::string> kept;
    for (std::size_t k = 0; k < meant.size(); ++k) {
        if (manifest.instances[k].state != manifest::DesiredState::present)
            continue;
        kept.insert(meant[k]->config_directory);
        for (const std::string* path : {&meant[k]->config_directory, &meant[k]->queue_directory}) {
            if (std::string why = check_instance_directory(*path); !why.empty()) {
                problems.push_back(make_error("", 0, 0, std::move(why)));
            }
        }
        // The master.cf whose services the manifest manages is planned from, so fingerprinted.
        if (!manifest.instances[k].services.empty()) {
            take_fingerprinted_file(host, fingerprinted, meant[k]->config_directory + "/master.cf",
                                    problems);
        }
    }
    if (!manifest.primary_services.empty())
        take_fingerprinted_file(host, fingerprinted, config_directory + "/master.cf", problems);
    if (state) {
        for (const instance::Instance& i : state->instances) {
            lifecycle::RuntimeFacts facts;
            facts.running = master_running(i.queue_directory);
            if (!i.primary && !kept.contains(i.config_directory)) {
                facts.queued_messages = count_queued_messages(i.queue_directory);
                take_runtime_files(host, i);
            }
            host.set_facts(i.config_directory, facts);
        }
    }

    take_master_cf_files(snapshot, problems);
    return !has_errors(problems);
}

void take_master_cf_files(HostSnapshot& snapshot, Diagnostics& problems) {
    Diagnostics ignored;
    const auto state = snapshot.host.shared_state(ignored);
    if (!state)
        return;
    for (const instance::Instance& i : state->instances) {
        const std::string path = i.config_directory + "/master.cf";
        if (snapshot.host.file(path) != nullptr)
            continue;
        Diagnostics found;
        // Parsed now, while the manifest is parsed on another thread, rather than by the planner
        // once both are read (the host keeps the parse).
        if (take_file(snapshot.host, snapshot.fingerprinted_paths, path, false, found))
            (void)snapshot.host.master_cf(path);
        for (Diagnostic& d : found) {
            d.severity = Severity::warning;  // the graph goes without this instance's listeners
            problems.push_back(std::move(d));
        }
    }
}

plan::HostRecord HostSnapshot::record() const {
    // Planning changes the simulated host, never the snapshot's own copy: the files are as read.
    plan::HostRecord record;
    for (const std::string& path : fingerprinted_paths) {
        record.file_digests.emplace(path, "sha256:" + sha256_hex(*host.file(path)));
    }
    Diagnostics ignored;
    if (const auto state = host.shared_state(ignored)) {
        for (const instance::Instance& i : state->instances) {
            if (host.facts(i.config_directory).running) {
                record.running.push_back(i.config_directory);
            }
        }
    }
    std::ranges::sort(record.running);
    return record;
}

}  // namespace pmr::effects
