#include "effects/apply_journal.h"

#include "effects/fault_injection.h"
#include "effects/private_directory.h"

namespace pmr::effects {

Status write_journal(const StateFiles& files, const lifecycle::JournalEntry& entry) {
    auto dir = open_state_directory(files, Create::yes);
    if (!dir)
        return Status::failure(dir.error());
    auto written = replace_private_file((*dir)->get(), StateFiles::journal_name, files.journal(),
                                        lifecycle::encode_journal(entry), 0600);
    if (!written)
        return written;
    fault_point("journal written");
    return ok_status();
}

Status clear_journal(const StateFiles& files) {
    auto dir = open_state_directory(files, Create::no);
    if (!dir)
        return Status::failure(dir.error());
    if (!*dir)
        return ok_status();
    auto removed = remove_private_file((*dir)->get(), StateFiles::journal_name, files.journal());
    if (!removed)
        return removed;
    fault_point("journal cleared");
    return ok_status();
}

Status keep_owed_work(const StateFiles& files, const std::vector<lifecycle::OwedWork>& owed) {
    if (owed.empty())
        return clear_journal(files);
    return write_journal(files, lifecycle::JournalEntry{"", {}, owed});
}

Expected<std::optional<lifecycle::JournalEntry>> read_journal(const StateFiles& files) {
    using Result = Expected<std::optional<lifecycle::JournalEntry>>;
    auto dir = open_state_directory(files, Create::no);
    if (!dir)
        return Result::failure(dir.error());
    if (!*dir)
        return std::optional<lifecycle::JournalEntry>();
    auto text = read_private_file((*dir)->get(), StateFiles::journal_name, files.journal());
    if (!text)
        return Result::failure(text.error());
    if (!*text)
        return std::optional<lifecycle::JournalEntry>();
    Diagnostics problems;
    auto entry = lifecycle::decode_journal(**text, files.journal(), problems);
    if (!entry)
        return Result::failure(problems.front().to_string());
    return std::optional<lifecycle::JournalEntry>(std::move(*entry));
}

}  // namespace pmr::effects
