#include "effects/system_error.h"

#include <cstring>

namespace pmr::effects {

std::string errno_message(std::string_view what, std::string_view path, int error) {
    std::string message(what);
    message += ' ';
    message += path;
    message += ": ";
    message += std::strerror(error);
    return message;
}

}  // namespace pmr::effects
