#include "core/postmulti/private_path.h"

#include <optional>

namespace pmr::postmulti {

std::string private_path(std::string_view primary_value, std::string_view name) {
    // Postfix cuts a C string in place by writing NUL bytes; `length` is where the cut string
    // ends, and every step below is one of those writes.
    const std::string buffer(primary_value);
    std::size_t length = buffer.size();
    auto last_slash = [&]() -> std::optional<std::size_t> {
        for (std::size_t i = length; i-- > 0;) {
            if (buffer[i] == '/')
                return i;
        }
        return std::nullopt;
    };
    if (auto slash = last_slash()) {
        std::size_t end = *slash;
        if (end + 1 == length) {
            // Slashes before a trailing slash go; the trailing one itself is found again below.
            while (end > 0) {
                --end;
                if (end == 0 || buffer[end] != '/')
                    break;
                length = end;
            }
            end = last_slash().value_or(0);
        }
        while (end > 0 && buffer[end] == '/') {  // cut off the last component
            length = end;
            --end;
        }
    }
    const std::string base = length > 1 ? buffer.substr(0, length) : std::string();
    return base + "/" + std::string(name);
}

}  // namespace pmr::postmulti
