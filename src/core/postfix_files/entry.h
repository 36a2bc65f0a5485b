#pragma once

#include <string>

namespace pmr::postfix_files {

/// The second field of a postfix-files record.
enum class EntryType {
    directory,      ///< `d`
    file,           ///< `f`, a regular file
    hard_link,      ///< `h`: the owner field holds the link's source path
    symbolic_link,  ///< `l`: the owner field holds the link's target path
};

/// One record of `$meta_directory/postfix-files` (or of a file in `postfix-files.d/`):
/// `name:type:owner:group:permission:flags`.
///
/// Fields are kept as written: `$name` references are expanded only when an instance's
/// parameters are known (see permission_plan.h), and `-` (a null field) is kept as `-`. A field
/// missing at the end of the line is empty.
struct Entry {
    std::string path;  ///< e.g. `$queue_directory/maildrop`
    EntryType type = EntryType::file;
    std::string owner;   ///< a user name or `$mail_owner`; for links the source path
    std::string group;   ///< a group name, `$setgid_group`, or `-`/empty for "leave it alone"
    std::string mode;    ///< octal permission bits as written, e.g. `730`, `2755`
    std::string flags;   ///< letters such as `ucr`, see flags.h
    std::string origin;  ///< the file the record came from
    int line = 0;        ///< its 1-based line number there

    friend bool operator==(const Entry&, const Entry&) = default;
};

}  // namespace pmr::postfix_files
