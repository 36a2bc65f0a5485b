#include "effects/host_reader.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "core/maincf/configuration.h"
#include "effects/read_file.h"
#include "effects/system_error.h"

namespace pmr::effects {

namespace {

/// Why `DIR/master.cf` cannot be opened, as postconf's warning says it; nullopt when it can.
std::optional<std::string> master_cf_problem(const std::string& config_directory) {
    const std::string path = config_directory + "/master.cf";
    // postconf opens it for reading (following symbolic links) and reads nothing else first;
    // asking for read access tells the same without the cost of an open (and without blocking
    // on a FIFO planted there).
    if (::faccessat(AT_FDCWD, path.c_str(), R_OK, AT_EACCESS) < 0) {
        return errno_message("open", path, errno);
    }
    return std::nullopt;
}

/// A secondary's files, read from disk.
instance::SecondaryFiles read_secondary(const std::string& directory) {
    instance::SecondaryFiles files;
    const std::string path = directory + "/main.cf";
    auto text = read_file(path, Symlinks::refuse);
    if (!text) {
        files.read_error = text.error();
        return files;
    }
    files.main_cf = maincf::MainCf::parse(std::move(text).value(), path);
    files.master_cf_error = master_cf_problem(directory);
    return files;
}

}  // namespace

std::optional<maincf::MainCf> read_main_cf(const std::string& path, Diagnostics& problems) {
    auto text = read_file(path, Symlinks::refuse);
    if (!text) {
        problems.push_back(make_error("", 0, 0, text.error()));
        return std::nullopt;
    }
    return maincf::MainCf::parse(std::move(text).value(), path);
}

std::optional<LoadedHost> read_host(const std::string& config_directory,
                                    const maincf::ParameterDefaults& defaults,
                                    Diagnostics& problems) {
    auto primary = read_main_cf(config_directory + "/main.cf", problems);
    if (!primary)
        return std::nullopt;
    LoadedHost host;
    host.files.primary = std::move(*primary);

    // Which secondaries to read depends only on the primary's list.
    Diagnostics ignored;
    const maincf::Configuration config(host.files.primary, defaults);
    const auto list = config.expanded("multi_instance_directories");
    for (const std::string& directory : instance::split_list(list.value)) {
        if (host.files.secondaries.contains(directory))
            continue;
        instance::SecondaryFiles files = read_secondary(directory);
        if (files.main_cf) {
            host.files.secondaries.emplace(directory, std::move(*files.main_cf));
            if (files.master_cf_error) {
                host.files.master_cf_errors.emplace(directory, std::move(*files.master_cf_error));
            }
        } else {
            host.files.read_errors.emplace(directory, std::move(files.read_error));
        }
    }
    auto state = instance::build_host_state(host.files, config_directory, defaults, problems);
    if (!state)
        return std::nullopt;
    host.state = std::move(*state);
    return host;
}

std::optional<instance::HostState> read_host_state(const std::string& config_directory,
                                                   const maincf::ParameterDefaults& defaults,
                                                   Diagnostics& problems) {
    const auto primary = read_main_cf(config_directory + "/main.cf", problems);
    if (!primary)
        return std::nullopt;
    return instance::build_host_state(*primary, read_secondary, config_directory, defaults,
                                      problems);
}

}  // namespace pmr::effects
