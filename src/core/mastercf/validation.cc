#include "core/mastercf/validation.h"

namespace pmr::mastercf {

namespace {

bool is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool all_of(std::string_view text, bool (*accept)(char)) {
    for (char c : text) {
        if (!accept(c))
            return false;
    }
    return true;
}

bool port_ok(std::string_view port) {
    if (port.empty())
        return false;
    if (all_of(port, is_digit)) {
        if (port.size() > 5)
            return false;
        const unsigned long number = std::stoul(std::string(port));
        return number >= 1 && number <= 65535;
    }
    return is_alpha(port.front()) && all_of(port, [](char c) {
               return is_alpha(c) || is_digit(c) || c == '-' || c == '_' || c == '.';
           });
}

bool host_ok(std::string_view host) {
    if (host == "*")
        return true;
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        const std::string_view inner = host.substr(1, host.size() - 2);
        return !inner.empty() && all_of(inner, [](char c) {
            return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':' ||
                   c == '.';
        });
    }
    if (host.empty() || host.front() == '.' || host.front() == '-' || host.back() == '-') {
        return false;
    }
    return all_of(host, [](char c) { return is_alpha(c) || is_digit(c) || c == '-' || c == '.'; });
}

Status check_inet(std::string_view name) {
    const std::string quoted = "inet service name \"" + std::string(name) + "\": ";
    // The port follows the last ':' outside brackets ("[::1]:25").
    const std::size_t bracket = name.rfind(']');
    const std::size_t colon = name.rfind(':');
    const bool has_host =
        colon != std::string_view::npos && (bracket == std::string_view::npos || colon > bracket);
    if (!has_host && bracket != std::string_view::npos)
        return Status::failure(quoted + "missing port");
    const std::string_view host = has_host ? name.substr(0, colon) : std::string_view();
    const std::string_view port = has_host ? name.substr(colon + 1) : name;
    if (port.empty())
        return Status::failure(quoted + "missing port");
    if (!port_ok(port))
        return Status::failure(quoted + "bad port \"" + std::string(port) + "\"");
    if (has_host && !host_ok(host))
        return Status::failure(quoted + "bad host \"" + std::string(host) + "\"");
    return ok_status();
}

}  // namespace

Status check_service_name(std::string_view name, ServiceType type) {
    if (type == ServiceType::inet)
        return check_inet(name);
    const std::string quoted =
        std::string(type_name(type)) + " service name \"" + std::string(name) + "\": ";
    if (name.empty())
        return Status::failure(quoted + "empty");
    if (name.front() == '.')
        return Status::failure(quoted + "must not start with '.'");
    for (char c : name) {
        if (c == '/')
            return Status::failure(quoted + "must not contain '/'");
        if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) {
            return Status::failure(quoted + "must not contain white space or control characters");
        }
    }
    return ok_status();
}

Status check_service(const Service& service) {
    return check_service_name(service.name(), service.type());
}

}  // namespace pmr::mastercf
