#include "core/manifest/services_reader.h"

#include <algorithm>
#include <array>
#include <set>
#include <utility>

namespace pmr::manifest {

namespace {

constexpr std::array<std::string_view, 8> service_keys = {"private", "unpriv",  "chroot",  "wakeup",
                                                          "maxproc", "command", "options", "state"};

class ServicesReader {
  public:
    ServicesReader(const std::string& path, Diagnostics& problems)
        : path_(path), problems_(problems) {}

    std::vector<DesiredService> read(const YamlNode& node) {
        std::vector<DesiredService> services;
        if (node.is_null())
            return services;
        if (!node.is_mapping()) {
            report(node,
                   "'services' must be a mapping of NAME/TYPE (as postconf -M prints "
                   "them, e.g. smtp/inet) to service fields");
            return services;
        }
        std::set<std::string> seen;
        for (const auto& [key, value] : node.entries) {
            if (!key.is_scalar()) {
                report(key, "a service must be named NAME/TYPE (e.g. smtp/inet)");
                continue;
            }
            if (!seen.insert(key.scalar).second) {
                report(key, "service '" + key.scalar + "' is listed twice");
                continue;
            }
            if (auto service = read_service(key, value))
                services.push_back(std::move(*service));
        }
        return services;
    }

  private:
    std::optional<DesiredService> read_service(const YamlNode& key, const YamlNode& value) {
        const std::size_t slash = key.scalar.rfind('/');
        if (slash == std::string::npos) {
            report(key, "service '" + key.scalar +
                            "' must be named NAME/TYPE as postconf -M prints it (e.g. " +
                            key.scalar + "/inet or " + key.scalar + "/unix)");
            return std::nullopt;
        }
        DesiredService service;
        service.name = key.scalar.substr(0, slash);
        service.type = key.scalar.substr(slash + 1);
        service.position = key.position;
        if (value.is_null())
            return service;
        if (!value.is_mapping()) {
            report(value, "service '" + key.scalar + "' must be a mapping of its fields (" +
                              expected_keys() + ")");
            return std::nullopt;
        }
        check_keys(value, key.scalar);
        const std::pair<const char*, std::optional<ServiceField>*> fields[] = {
            {"private", &service.private_},      {"unpriv", &service.unprivileged},
            {"chroot", &service.chroot},         {"wakeup", &service.wakeup},
            {"maxproc", &service.process_limit}, {"command", &service.command}};
        for (const auto& [name, slot] : fields) {
            if (const YamlNode* field = value.find(name))
                *slot = read_field(*field, key.scalar, name);
        }
        if (const YamlNode* options = value.find("options"))
            service.options = read_options(*options, key.scalar);
        if (const YamlNode* state = value.find("state")) {
            if (state->is_scalar() && state->scalar == "absent") {
                service.absent = true;
            } else if (!state->is_scalar() || state->scalar != "present") {
                report(*state, "'state' of service '" + key.scalar + "' must be present or absent");
            }
        }
        return service;
    }

    std::optional<ServiceField> read_field(const YamlNode& node, const std::string& service,
                                           std::string_view name) {
        if (node.is_scalar())
            return ServiceField{node.scalar, node.position};
        report(node, "'" + std::string(name) + "' of service '" + service +
                         "' must be a string or a number");
        return std::nullopt;
    }

    std::vector<ServiceOption> read_options(const YamlNode& node, const std::string& service) {
        std::vector<ServiceOption> options;
        if (node.is_null())
            return options;
        if (!node.is_mapping()) {
            report(node, "'options' of service '" + service +
                             "' must be a mapping of parameter names to values (-o name=value)");
            return options;
        }
        std::set<std::string> seen;
        for (const auto& [key, value] : node.entries) {
            if (!key.is_scalar()) {
                report(key, "an option name of service '" + service + "' must be a plain word");
                continue;
            }
            if (!seen.insert(key.scalar).second) {
                report(key,
                       "option '" + key.scalar + "' of service '" + service + "' is listed twice");
                continue;
            }
            ServiceOption option{key.scalar, std::nullopt, key.position};
            if (value.is_scalar()) {
                option.value = value.scalar;
            } else if (!value.is_null()) {
                report(value, "the value of option '" + key.scalar + "' of service '" + service +
                                  "' must be a string, a number or null (to remove it)");
                continue;
            }
            options.push_back(std::move(option));
        }
        return options;
    }

    void check_keys(const YamlNode& map, const std::string& service) {
        std::set<std::string_view> seen;
        for (const auto& [key, value] : map.entries) {
            const std::string_view name =
                key.is_scalar() ? std::string_view(key.scalar) : std::string_view("?");
            if (key.is_scalar() && !seen.insert(name).second) {
                report(key, "key '" + std::string(name) + "' of service '" + service +
                                "' is listed twice");
            } else if (std::ranges::find(service_keys, name) == service_keys.end()) {
                report(key, "unknown key '" + std::string(name) + "' in service '" + service +
                                "' (expected one of: " + expected_keys() + ")");
            }
        }
    }

    static std::string expected_keys() {
        std::string text;
        for (const std::string_view key : service_keys)
            text += (text.empty() ? "" : ", ") + std::string(key);
        return text;
    }

    void report(const YamlNode& node, std::string message) {
        problems_.push_back(
            make_error(path_, node.position.line, node.position.column, std::move(message)));
    }

    const std::string& path_;
    Diagnostics& problems_;
};

}  // namespace

std::vector<DesiredService> read_services(const YamlNode& node, const std::string& path,
                                          Diagnostics& problems) {
    return ServicesReader(path, problems).read(node);
}

}  // namespace pmr::manifest
