#include "effects/accounts.h"

#include <grp.h>
#include <pwd.h>

#include <cerrno>
#include <charconv>
#include <optional>
#include <vector>

#include "effects/system_error.h"

namespace pmr::effects {

namespace {

std::optional<unsigned long> as_number(const std::string& name) {
    unsigned long value = 0;
    const char* end = name.data() + name.size();
    auto [ptr, ec] = std::from_chars(name.data(), end, value);
    if (name.empty() || ec != std::errc() || ptr != end)
        return std::nullopt;
    return value;
}

/// Calls a getXXnam_r function with a growing buffer. Returns 0 (found or not) or an errno.
template <typename Entry, typename Lookup>
int lookup(const std::string& name, Entry& entry, Entry*& result, Lookup function) {
    std::vector<char> buffer(1024);
    for (;;) {
        const int error = function(name.c_str(), &entry, buffer.data(), buffer.size(), &result);
        if (error != ERANGE || buffer.size() >= (1u << 20))
            return error;
        buffer.resize(buffer.size() * 2);
    }
}

}  // namespace

Expected<uid_t> user_id(const std::string& name) {
    struct passwd entry {};
    struct passwd* result = nullptr;
    const int error = lookup(name, entry, result, ::getpwnam_r);
    if (result != nullptr)
        return result->pw_uid;
    if (auto number = as_number(name))
        return static_cast<uid_t>(*number);
    // getpwnam_r reports "not found" as 0 or as one of several errno values, depending on
    // the NSS module; only a real failure is worth its own message.
    if (error != 0 && error != ENOENT && error != ESRCH && error != EBADF && error != EPERM) {
        return Expected<uid_t>::failure(errno_message("look up user", name, error));
    }
    return Expected<uid_t>::failure("unknown user " + name);
}

Expected<gid_t> group_id(const std::string& name) {
    struct group entry {};
    struct group* result = nullptr;
    const int error = lookup(name, entry, result, ::getgrnam_r);
    if (result != nullptr)
        return result->gr_gid;
    if (auto number = as_number(name))
        return static_cast<gid_t>(*number);
    if (error != 0 && error != ENOENT && error != ESRCH && error != EBADF && error != EPERM) {
        return Expected<gid_t>::failure(errno_message("look up group", name, error));
    }
    return Expected<gid_t>::failure("unknown group " + name);
}

}  // namespace pmr::effects
