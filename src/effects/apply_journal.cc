#include "effects/apply_journal.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "core/maincf/configuration.h"
#include "effects/directories.h"
#include "effects/edit_file.h"
#include "effects/fault_injection.h"
#include "effects/read_file.h"
#include "effects/system_error.h"

namespace pmr::effects {

StateFiles state_files_for(const maincf::MainCf& primary,
                          const maincf::ParameterDefaults& defaults) {
    const maincf::Configuration config(primary, defaults);
    return StateFiles{config.expanded_or("data_directory", "/var/lib/postfix") + "/pmreconcile"};
}

Status write_journal(const StateFiles& files, const lifecycle::JournalEntry& entry) {
    // The directory belongs to data_directory's owner, like the lock (see
    // create_directory_owned_like_parent). The journal stays root's: root replays it, so it must
    // not be a file mail_owner may write (`postfix check` may warn about it while a step runs).
    auto owner = create_directory_owned_like_parent(files.directory, 0700);
    if (!owner) return Status::failure(owner.error());
    auto written = replace_file(files.journal(), lifecycle::encode_journal(entry), 0600);
    if (!written) return Status::failure(written.error());
    fault_point("journal written");
    return ok_status();
}

Status clear_journal(const StateFiles& files) {
    if (::unlink(files.journal().c_str()) < 0 && errno != ENOENT) {
        return Status::failure(errno_message("remove", files.journal(), errno));
    }
    const int dir = ::open(files.directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir >= 0) {
        ::fsync(dir);
        ::close(dir);
    }
    fault_point("journal cleared");
    return ok_status();
}

Expected<std::optional<lifecycle::JournalEntry>> read_journal(const StateFiles& files) {
    using Result = Expected<std::optional<lifecycle::JournalEntry>>;
    struct stat st {};
    if (::lstat(files.journal().c_str(), &st) < 0) {
        if (errno == ENOENT) return std::optional<lifecycle::JournalEntry>();
        return Result::failure(errno_message("stat", files.journal(), errno));
    }
    // The state directory belongs to mail_owner (like the lock), so a journal that is not root's
    // own could have been planted to make root replay steps of the planter's choosing.
    auto text = read_root_file(files.journal());
    if (!text) return Result::failure(text.error());
    Diagnostics problems;
    auto entry = lifecycle::decode_journal(*text, files.journal(), problems);
    if (!entry) return Result::failure(problems.front().to_string());
    return std::optional<lifecycle::JournalEntry>(std::move(*entry));
}

}  // namespace pmr::effects
