#include "core/manifest/manifest_writer.h"

#include <algorithm>
#include <cctype>

#include "core/manifest/validator.h"

namespace pmr::manifest {

namespace {

/// A YAML double-quoted scalar: safe for every value main.cf can hold.
std::string quote(std::string_view text) {
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "\"";
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (c == '\t') {
            out += "\\t";
        } else if (byte < 0x20 || byte == 0x7f) {
            out += "\\x";
            out += hex[byte >> 4];
            out += hex[byte & 0xf];
        } else {
            out += c;
        }
    }
    return out + "\"";
}

/// A parameter name as a YAML key: plain when it is a word YAML reads back as that text
/// (`smtpd_tls_cert_file`), else quoted (main.cf accepts names such as `null`, `a:b` or `[x]`).
std::string key(std::string_view name) {
    const bool plain = !name.empty() && name != "null" && name != "Null" && name != "NULL" &&
                       std::isalnum(static_cast<unsigned char>(name.front())) != 0 &&
                       std::ranges::all_of(name, [](char c) {
                           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                                  (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-';
                       });
    return plain ? std::string(name) : quote(name);
}

void write_parameters(std::string& out, const std::vector<Parameter>& parameters,
                      const std::string& indent) {
    if (parameters.empty())
        return;
    out += indent + "parameters:\n";
    // YAML reads a key written before its ':' (an implicit key) only up to 1,024 characters;
    // a longer one is written as an explicit key, `? KEY` with `: VALUE` on the next line.
    constexpr std::size_t longest_implicit_key = 1024;
    for (const Parameter& p : parameters) {
        const std::string name = key(p.name);
        const std::string value = p.value ? quote(*p.value) : "null";
        if (name.size() > longest_implicit_key) {
            out += indent + "  ? " + name + "\n" + indent + "  : " + value + "\n";
        } else {
            out += indent + "  " + name + ": " + value + "\n";
        }
    }
}

void write_services(std::string& out, const std::vector<DesiredService>& services,
                    const std::string& indent) {
    if (services.empty())
        return;
    out += indent + "services:\n";
    for (const DesiredService& s : services) {
        out += indent + "  " + quote(s.key()) + ":\n";
        const std::string field_indent = indent + "    ";
        if (s.absent) {
            out += field_indent + "state: absent\n";
            continue;
        }
        const std::pair<const char*, const std::optional<ServiceField>*> fields[] = {
            {"private", &s.private_}, {"unpriv", &s.unprivileged},   {"chroot", &s.chroot},
            {"wakeup", &s.wakeup},    {"maxproc", &s.process_limit}, {"command", &s.command}};
        for (const auto& [name, field] : fields) {
            if (*field)
                out += field_indent + name + ": " + quote((*field)->value) + "\n";
        }
        if (s.options.empty())
            continue;
        out += field_indent + "options:\n";
        for (const ServiceOption& option : s.options) {
            out += field_indent + "  " + key(option.name) + ": " +
                   (option.value ? quote(*option.value) : "null") + "\n";
        }
    }
}

}  // namespace

std::string write_manifest(const Manifest& manifest) {
    std::string out =
        "# yaml-language-server: $schema=/usr/share/pmreconcile/schema/pmreconcile.schema.json\n"
        "version: " +
        std::to_string(manifest.version) + "\n";
    if (!manifest.primary_parameters.empty() || !manifest.primary_services.empty() ||
        manifest.primary_running) {
        out += "primary:\n";
        if (manifest.primary_running)
            out +=
                std::string("  running: ") + (*manifest.primary_running ? "true" : "false") + "\n";
        write_parameters(out, manifest.primary_parameters, "  ");
        write_services(out, manifest.primary_services, "  ");
    }
    out += "unmanaged: " + std::string(to_string(manifest.unmanaged)) + "\n";
    if (manifest.instances.empty())
        return out + "instances: []\n";
    out += "instances:\n";
    for (const DesiredInstance& d : manifest.instances) {
        out += "  - name: " + quote(d.name) + "\n";
        if (d.group)
            out += "    group: " + quote(*d.group) + "\n";
        if (d.enable)
            out += std::string("    enable: ") + (*d.enable ? "true" : "false") + "\n";
        if (d.running)
            out += std::string("    running: ") + (*d.running ? "true" : "false") + "\n";
        if (d.config_directory)
            out += "    config_directory: " + quote(*d.config_directory) + "\n";
        if (d.queue_directory)
            out += "    queue_directory: " + quote(*d.queue_directory) + "\n";
        if (d.data_directory)
            out += "    data_directory: " + quote(*d.data_directory) + "\n";
        write_parameters(out, d.parameters, "    ");
        write_services(out, d.services, "    ");
        if (d.protect)
            out += "    protect: true\n";
        if (d.state == DesiredState::absent)
            out += "    state: absent\n";
    }
    return out;
}

Manifest manifest_from_host(const instance::HostState& state, const instance::HostFiles* host_files,
                            const std::set<std::string>* running) {
    Manifest manifest;
    if (running != nullptr)
        manifest.primary_running = running->contains(state.primary().config_directory);
    if (host_files != nullptr) {
        for (const maincf::Definition* def : host_files->primary.effective()) {
            if (is_reserved_primary_parameter(def->name))
                continue;
            manifest.primary_parameters.push_back(
                Parameter{std::string(def->name), std::string(def->value), {}});
        }
    }
    for (const instance::Instance& i : state.instances) {
        if (i.primary)
            continue;
        DesiredInstance d;
        d.name = i.name;
        d.group = i.group;
        d.enable = i.enabled;
        if (running != nullptr)
            d.running = running->contains(i.config_directory);
        d.config_directory = i.config_directory;
        d.queue_directory = i.queue_directory;
        d.data_directory = i.data_directory;
        if (host_files != nullptr) {
            if (auto it = host_files->secondaries.find(i.config_directory);
                it != host_files->secondaries.end()) {
                for (const maincf::Definition* def : it->second.effective()) {
                    if (is_reserved_instance_parameter(def->name))
                        continue;
                    d.parameters.push_back(
                        Parameter{std::string(def->name), std::string(def->value), {}});
                }
            }
        }
        manifest.instances.push_back(std::move(d));
    }
    return manifest;
}

}  // namespace pmr::manifest
