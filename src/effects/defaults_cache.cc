#include "effects/defaults_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cerrno>
#include <ctime>

#include "effects/read_file.h"

namespace pmr::effects {

namespace {

constexpr std::time_t max_age_seconds = 600;
constexpr std::string_view end_of_key = "--\n";

std::string times_of(const struct timespec& t) {
    return std::to_string(t.tv_sec) + "." + std::to_string(t.tv_nsec);
}

/// Writes all of `text` to `fd`.
bool write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        text.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

}  // namespace

DefaultsCache::DefaultsCache(std::string path, std::string postconf)
    : path_(std::move(path)), postconf_(std::move(postconf)) {}

std::string DefaultsCache::default_path() { return "/var/lib/pmreconcile/postconf-defaults"; }

std::string DefaultsCache::key() const {
    struct stat binary {};
    if (::stat(postconf_.c_str(), &binary) < 0) return {};
    struct utsname host {};
    if (::uname(&host) < 0) return {};
    char network[128] = {};
    const ssize_t n = ::readlink("/proc/self/ns/net", network, sizeof network - 1);
    if (n <= 0) return {};
    return "pmreconcile postconf-defaults 1\n" + postconf_ + " " +
           std::to_string(binary.st_dev) + " " + std::to_string(binary.st_ino) + " " +
           std::to_string(binary.st_size) + " " + times_of(binary.st_mtim) + " " +
           times_of(binary.st_ctim) + "\nhost " + host.nodename + "\nnetwork " +
           std::string(network, static_cast<std::size_t>(n)) + "\n" + std::string(end_of_key);
}

std::optional<std::string> DefaultsCache::read() const {
    struct stat st {};
    if (::lstat(path_.c_str(), &st) < 0 || !S_ISREG(st.st_mode)) return std::nullopt;
    // Root's own, written by root alone: root runs what the defaults name (command_directory).
    if (st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0) return std::nullopt;
    const std::time_t age = std::time(nullptr) - st.st_mtim.tv_sec;
    if (age < 0 || age > max_age_seconds) return std::nullopt;
    const std::string expected = key();
    if (expected.empty()) return std::nullopt;
    auto text = read_file(path_, Symlinks::refuse, 4 << 20);
    if (!text || !text->starts_with(expected)) return std::nullopt;
    // The length line tells a whole output from one a crash cut short.
    const std::size_t length_end = text->find('\n', expected.size());
    if (length_end == std::string::npos) return std::nullopt;
    std::string output = text->substr(length_end + 1);
    if (text->substr(expected.size(), length_end - expected.size()) !=
        "bytes " + std::to_string(output.size())) {
        return std::nullopt;
    }
    return output;
}

void DefaultsCache::write(const std::string& output) const {
    if (::geteuid() != 0) return;
    const std::string key_lines = key();
    if (key_lines.empty()) return;
    const std::string content = key_lines + "bytes " + std::to_string(output.size()) + "\n";
    const std::string directory = path_.substr(0, path_.rfind('/'));
    if (::mkdir(directory.c_str(), 0755) < 0 && errno != EEXIST) return;
    struct stat dir {};
    if (::lstat(directory.c_str(), &dir) < 0 || !S_ISDIR(dir.st_mode) || dir.st_uid != 0 ||
        (dir.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        return;
    }
    const std::string temporary = path_ + "." + std::to_string(::getpid()) + ".tmp";
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0) return;
    // No fsync: a cache that a crash lost or cut short fails its length check and is refetched.
    const bool written = write_all(fd, content) && write_all(fd, output);
    const bool closed = ::close(fd) == 0;
    if (!written || !closed || ::rename(temporary.c_str(), path_.c_str()) < 0) {
        ::unlink(temporary.c_str());
    }
}

}  // namespace pmr::effects
