#include "effects/postfix_preamble.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/maincf/compatibility_level.h"
#include "core/maincf/configuration.h"
#include "effects/read_file.h"

namespace pmr::effects {

namespace {

/// Whether chdir(`path`) would succeed, without changing our working directory: the reason when
/// it would not.
std::optional<std::string> cannot_enter(const std::string& path) {
    // O_PATH | O_DIRECTORY fails exactly when chdir would for root: missing, or not a directory.
    const int fd = ::open(path.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return "chdir(" + path + "): " + std::strerror(errno);
    ::close(fd);
    return std::nullopt;
}

}  // namespace

PostfixPreamble postfix_preamble(const std::string& config_directory,
                                 const maincf::ParameterDefaults& defaults) {
    PostfixPreamble preamble;
    const std::string path = config_directory + "/main.cf";
    auto text = read_file(path, Symlinks::follow);  // Postfix follows symbolic links
    if (!text) {
        preamble.fatal = text.error();
        return preamble;
    }
    const auto main_cf = maincf::MainCf::parse(std::move(text).value(), path);
    const maincf::Configuration config(main_cf, defaults, config_directory);
    auto notices = maincf::compatibility_notices(config.expanded_or("compatibility_level", "0"));
    if (!notices) {
        preamble.fatal = notices.error();
        return preamble;
    }
    preamble.notices = std::move(notices).value();
    for (const char* name : {"command_directory", "daemon_directory", "queue_directory"}) {
        if (auto problem = cannot_enter(config.expanded_or(name, ""))) {
            preamble.fatal = std::move(problem);
            break;
        }
    }
    return preamble;
}

}  // namespace pmr::effects
