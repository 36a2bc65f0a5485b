#include "effects/postfix_files_loader.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <vector>

#include "effects/read_file.h"

namespace pmr::effects {

namespace {

/// Regular files below `directory`, sorted; symbolic links are neither followed nor listed.
Expected<std::vector<std::string>> drop_in_files(const std::string& directory) {
    namespace fs = std::filesystem;
    std::vector<std::string> files;
    std::error_code error;
    // `test -d` follows a symbolic link, `find` (without -L) then lists nothing below it.
    const fs::file_status status = fs::symlink_status(directory, error);
    if (error || !fs::is_directory(status))
        return files;
    fs::recursive_directory_iterator it(directory, error);
    if (error) {
        return Expected<std::vector<std::string>>::failure("open " + directory + ": " +
                                                           error.message());
    }
    for (const fs::recursive_directory_iterator end; it != end; it.increment(error)) {
        if (error)
            break;
        if (fs::is_regular_file(it->symlink_status()))
            files.push_back(it->path().string());
    }
    if (error) {
        return Expected<std::vector<std::string>>::failure("read " + directory + ": " +
                                                           error.message());
    }
    std::ranges::sort(files);
    return files;
}

}  // namespace

Expected<postfix_files::ParsedFiles> load_postfix_files(const std::string& meta_directory) {
    using Result = Expected<postfix_files::ParsedFiles>;
    std::vector<std::string> paths = {meta_directory + "/postfix-files"};
    Expected<std::vector<std::string>> drop_ins =
        drop_in_files(meta_directory + "/postfix-files.d");
    if (!drop_ins)
        return Result::failure(drop_ins.error());
    paths.insert(paths.end(), drop_ins->begin(), drop_ins->end());

    postfix_files::ParsedFiles all;
    for (const std::string& path : paths) {
        // post-install reads these with `exec <FILE`, which follows symbolic links.
        Expected<std::string> text = read_file(path, Symlinks::follow);
        if (!text)
            return Result::failure(text.error());
        postfix_files::ParsedFiles one = postfix_files::parse_postfix_files(*text, path);
        std::ranges::move(one.entries, std::back_inserter(all.entries));
        std::ranges::move(one.diagnostics, std::back_inserter(all.diagnostics));
    }
    return all;
}

}  // namespace pmr::effects
