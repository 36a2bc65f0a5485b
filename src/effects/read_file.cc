#include "effects/read_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "effects/system_error.h"

namespace pmr::effects {

namespace {

/// What a file must satisfy beyond being a regular file, checked on the opened descriptor so
/// that nothing can be swapped in between the check and the read.
enum class Trust {
    any,            ///< whatever its owner and mode
    configuration,  ///< not writable by everyone
    root_only,      ///< owned by root and writable by nobody else
};

/// read_file() under the ownership and mode rules of `trust`; sets `*missing` instead of failing
/// when the file does not exist and `missing` is given.
Expected<std::string> read_checked(const std::string& path, Symlinks symlinks, std::size_t max_size,
                                   Trust trust, bool* missing = nullptr) {
    // Never blocks: a FIFO or a device planted where a file was expected is refused below
    // instead of hanging the reader (root's plan, apply and check) forever.
    const int flags = O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC |
                      (symlinks == Symlinks::refuse ? O_NOFOLLOW : 0);
    const int fd = ::open(path.c_str(), flags);
    if (fd < 0) {
        if (errno == ENOENT && missing != nullptr) {
            *missing = true;
            return std::string();
        }
        if (errno == ELOOP && symlinks == Symlinks::refuse) {
            return Expected<std::string>::failure("open " + path +
                                                  ": is a symbolic link, refusing to follow it");
        }
        return Expected<std::string>::failure(errno_message("open", path, errno));
    }
    struct stat st {};
    if (::fstat(fd, &st) < 0) {
        const int error = errno;
        ::close(fd);
        return Expected<std::string>::failure(errno_message("stat", path, error));
    }
    if (!S_ISREG(st.st_mode)) {
        ::close(fd);
        return Expected<std::string>::failure("open " + path + ": not a regular file");
    }
    // Anyone could have put anything in it: Postfix runs it as root.
    if (trust == Trust::configuration && (st.st_mode & S_IWOTH) != 0) {
        ::close(fd);
        return Expected<std::string>::failure(path + ": refusing a world-writable " +
                                              path.substr(path.rfind('/') + 1));
    }
    // Root acts on it; its directory may belong to mail_owner, who must not be able to plant it.
    if (trust == Trust::root_only && (st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0)) {
        ::close(fd);
        return Expected<std::string>::failure(
            path + ": refusing a file not owned by root or writable by others (owner uid " +
            std::to_string(st.st_uid) + ")");
    }
    if (static_cast<std::size_t>(st.st_size) > max_size) {
        ::close(fd);
        return Expected<std::string>::failure("read " + path + ": file too large (" +
                                              std::to_string(st.st_size) + " bytes)");
    }
    // One byte more than fstat reported: a regular file's read comes up short only at its end,
    // so the common case is a single read, without a second one to see end of file. A file
    // that grew since the fstat fills the buffer and is read on, in bigger steps.
    std::string content;
    content.resize(static_cast<std::size_t>(st.st_size) + 1);
    std::size_t done = 0;
    for (;;) {
        if (done == content.size())
            content.resize(content.size() * 2);
        const std::size_t wanted = content.size() - done;
        const ssize_t n = ::read(fd, content.data() + done, wanted);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            const int error = errno;
            ::close(fd);
            return Expected<std::string>::failure(errno_message("read", path, error));
        }
        done += static_cast<std::size_t>(n);
        if (done > max_size) {
            ::close(fd);
            return Expected<std::string>::failure("read " + path + ": file too large");
        }
        if (static_cast<std::size_t>(n) < wanted)
            break;
    }
    ::close(fd);
    content.resize(done);
    return content;
}

/// Reads `fd` to its end, refusing more than `max_size` bytes as they arrive.
Expected<std::string> read_stream(int fd, const std::string& name, std::size_t max_size) {
    std::string content;
    char buffer[65536];
    for (;;) {
        const ssize_t n = ::read(fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return Expected<std::string>::failure(errno_message("read", name, errno));
        }
        if (n == 0)
            return content;
        if (content.size() + static_cast<std::size_t>(n) > max_size) {
            return Expected<std::string>::failure("read " + name + ": more than " +
                                                  std::to_string(max_size) + " bytes");
        }
        content.append(buffer, static_cast<std::size_t>(n));
    }
}

}  // namespace

std::string manifest_input_name(const std::string& path) {
    return path == "-" ? "<stdin>" : path;
}

Expected<std::string> read_manifest_input(const std::string& path, std::size_t max_size) {
    if (path == "-")
        return read_stream(STDIN_FILENO, "<stdin>", max_size);
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0 || !S_ISFIFO(st.st_mode)) {
        return read_file(path, Symlinks::follow, max_size);  // it says what is wrong
    }
    // A pipe the administrator named: waiting for its writer is what they asked for.
    const int fd = ::open(path.c_str(), O_RDONLY | O_NOCTTY | O_CLOEXEC);
    if (fd < 0)
        return Expected<std::string>::failure(errno_message("open", path, errno));
    struct stat opened {};
    if (::fstat(fd, &opened) != 0 || !S_ISFIFO(opened.st_mode)) {
        ::close(fd);
        return Expected<std::string>::failure("open " + path + ": not a regular file or a pipe");
    }
    auto content = read_stream(fd, path, max_size);
    ::close(fd);
    return content;
}

Expected<std::string> read_file(const std::string& path, Symlinks symlinks, std::size_t max_size) {
    return read_checked(path, symlinks, max_size, Trust::any);
}

Expected<std::string> read_config_file(const std::string& path) {
    return read_checked(path, Symlinks::refuse, 64u << 20, Trust::configuration);
}

Expected<std::optional<std::string>> read_config_file_if_exists(const std::string& path) {
    bool missing = false;
    auto text = read_checked(path, Symlinks::refuse, 64u << 20, Trust::configuration, &missing);
    if (!text)
        return Expected<std::optional<std::string>>::failure(text.error());
    if (missing)
        return std::optional<std::string>();
    return std::optional<std::string>(std::move(text).value());
}

Expected<std::string> read_root_file(const std::string& path, std::size_t max_size) {
    return read_checked(path, Symlinks::refuse, max_size, Trust::root_only);
}

}  // namespace pmr::effects
