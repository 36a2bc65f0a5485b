#include "core/manifest/service_export.h"

#include <set>
#include <utility>

#include "core/mastercf/command_parts.h"

namespace pmr::manifest {

namespace {

/// The command and its arguments as one manifest string, a word with white space in braces
/// (which parse_command() removes again).
std::string command_text(const std::vector<std::string>& words) {
    std::string text;
    for (const std::string& word : words) {
        const bool blank = word.find_first_of(mastercf::field_blanks) != std::string::npos;
        text += (text.empty() ? "" : " ") + (blank ? "{" + word + "}" : word);
    }
    return text;
}

/// Every field, the command and the `-o` overrides of `service`, as the manifest lists them.
DesiredService listed(const mastercf::Service& service) {
    DesiredService d;
    d.name = service.name();
    d.type = service.type_text();
    d.private_ = ServiceField{service.words[2], {}};
    d.unprivileged = ServiceField{service.words[3], {}};
    d.chroot = ServiceField{service.words[4], {}};
    d.wakeup = ServiceField{service.words[5], {}};
    d.process_limit = ServiceField{service.words[6], {}};
    d.command = ServiceField{command_text(mastercf::command_parts(service).command), {}};
    std::set<std::string> seen;
    const std::vector<mastercf::ServiceParameter> parameters = mastercf::parameters_of(service);
    // The last setting of a name is the one in effect.
    for (auto it = parameters.rbegin(); it != parameters.rend(); ++it) {
        if (seen.insert(it->name).second)
            d.options.insert(d.options.begin(), ServiceOption{it->name, it->value, {}});
    }
    return d;
}

}  // namespace

std::vector<DesiredService> services_differing(const mastercf::MasterCf& master_cf,
                                               const mastercf::MasterCf& stock) {
    std::vector<DesiredService> services;
    std::set<std::pair<std::string, std::string>> seen;
    for (const mastercf::Entry& entry : master_cf.entries()) {
        const mastercf::Service& service = entry.service;
        if (!seen.emplace(service.name(), service.type_text()).second)
            continue;
        const mastercf::Entry* original = stock.find(service.name(), service.type_text());
        if (original == nullptr || original->service.words != service.words)
            services.push_back(listed(service));
    }
    for (const mastercf::Entry& entry : stock.entries()) {
        const mastercf::Service& service = entry.service;
        if (master_cf.find(service.name(), service.type_text()) != nullptr)
            continue;
        if (!seen.emplace(service.name(), service.type_text()).second)
            continue;
        DesiredService gone;
        gone.name = service.name();
        gone.type = service.type_text();
        gone.absent = true;
        services.push_back(std::move(gone));
    }
    return services;
}

}  // namespace pmr::manifest
