#include "effects/defaults_cache.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include "effects/read_file.h"

namespace pmr::effects {

namespace {

constexpr std::string_view end_of_key = "--\n";

std::string times_of(const struct timespec& t) {
    return std::to_string(t.tv_sec) + "." + std::to_string(t.tv_nsec);
}

/// `ADDRESS/NETMASK` of one interface address, or "" for a family postconf ignores.
std::string address_text(const struct ifaddrs& entry) {
    char address[INET6_ADDRSTRLEN] = {};
    char netmask[INET6_ADDRSTRLEN] = {};
    const int family = entry.ifa_addr->sa_family;
    const void* addr = nullptr;
    const void* mask = nullptr;
    if (family == AF_INET) {
        addr = &reinterpret_cast<const sockaddr_in*>(entry.ifa_addr)->sin_addr;
        if (entry.ifa_netmask)
            mask = &reinterpret_cast<const sockaddr_in*>(entry.ifa_netmask)->sin_addr;
    } else if (family == AF_INET6) {
        addr = &reinterpret_cast<const sockaddr_in6*>(entry.ifa_addr)->sin6_addr;
        if (entry.ifa_netmask)
            mask = &reinterpret_cast<const sockaddr_in6*>(entry.ifa_netmask)->sin6_addr;
    } else {
        return {};
    }
    ::inet_ntop(family, addr, address, sizeof address);
    if (mask != nullptr)
        ::inet_ntop(family, mask, netmask, sizeof netmask);
    return std::string(address) + "/" + netmask;
}

/// The host's interface addresses, sorted, one line: mynetworks' default is derived from them.
/// "" when they cannot be listed.
std::string interface_addresses() {
    struct ifaddrs* list = nullptr;
    if (::getifaddrs(&list) < 0)
        return {};
    std::vector<std::string> addresses;
    for (const struct ifaddrs* entry = list; entry != nullptr; entry = entry->ifa_next) {
        if (entry->ifa_addr == nullptr)
            continue;
        if (auto text = address_text(*entry); !text.empty())
            addresses.push_back(std::move(text));
    }
    ::freeifaddrs(list);
    std::sort(addresses.begin(), addresses.end());
    std::string line = "interfaces";
    for (const auto& address : addresses)
        line += " " + address;
    return line;
}

/// Writes all of `text` to `fd`.
bool write_all(int fd, std::string_view text) {
    while (!text.empty()) {
        const ssize_t n = ::write(fd, text.data(), text.size());
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        text.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

}  // namespace

DefaultsCache::DefaultsCache(std::string path, std::string postconf)
    : path_(std::move(path)), postconf_(std::move(postconf)) {}

std::string DefaultsCache::default_path() {
    return "/var/lib/pmreconcile/postconf-defaults";
}

std::string DefaultsCache::key() const {
    struct stat binary {};
    if (::stat(postconf_.c_str(), &binary) < 0)
        return {};
    struct utsname host {};
    if (::uname(&host) < 0)
        return {};
    char network[128] = {};
    const ssize_t n = ::readlink("/proc/self/ns/net", network, sizeof network - 1);
    if (n <= 0)
        return {};
    const std::string interfaces = interface_addresses();
    if (interfaces.empty())
        return {};
    return "pmreconcile postconf-defaults 2\n" + postconf_ + " " + std::to_string(binary.st_dev) +
           " " + std::to_string(binary.st_ino) + " " + std::to_string(binary.st_size) + " " +
           times_of(binary.st_mtim) + " " + times_of(binary.st_ctim) + "\nhost " + host.nodename +
           "\nnetwork " + std::string(network, static_cast<std::size_t>(n)) + "\n" + interfaces +
           "\n" + std::string(end_of_key);
}

std::optional<std::string> DefaultsCache::read() const {
    const std::string expected = key();
    if (expected.empty())
        return std::nullopt;
    // Root's own, written by root alone: root runs what the defaults name (command_directory).
    auto text = read_root_file(path_, 4 << 20);
    if (!text || !text->starts_with(expected))
        return std::nullopt;
    // The length line tells a whole output from one a crash cut short.
    const std::size_t length_end = text->find('\n', expected.size());
    if (length_end == std::string::npos)
        return std::nullopt;
    std::string output = text->substr(length_end + 1);
    if (text->substr(expected.size(), length_end - expected.size()) !=
        "bytes " + std::to_string(output.size())) {
        return std::nullopt;
    }
    return output;
}

void DefaultsCache::write(const std::string& output) const {
    if (::geteuid() != 0)
        return;
    const std::string key_lines = key();
    if (key_lines.empty())
        return;
    const std::string content = key_lines + "bytes " + std::to_string(output.size()) + "\n";
    const std::string directory = path_.substr(0, path_.rfind('/'));
    if (::mkdir(directory.c_str(), 0755) < 0 && errno != EEXIST)
        return;
    struct stat dir {};
    if (::lstat(directory.c_str(), &dir) < 0 || !S_ISDIR(dir.st_mode) || dir.st_uid != 0 ||
        (dir.st_mode & (S_IWGRP | S_IWOTH)) != 0) {
        return;
    }
    const std::string temporary = path_ + "." + std::to_string(::getpid()) + ".tmp";
    const int fd =
        ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0)
        return;
    // No fsync: a cache that a crash lost or cut short fails its length check and is refetched.
    const bool written = write_all(fd, content) && write_all(fd, output);
    const bool closed = ::close(fd) == 0;
    if (!written || !closed || ::rename(temporary.c_str(), path_.c_str()) < 0) {
        ::unlink(temporary.c_str());
    }
}

}  // namespace pmr::effects
