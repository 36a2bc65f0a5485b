#include "core/manifest/parameter_names.h"

#include <algorithm>
#include <set>

#include "core/support/nearest_name.h"

namespace pmr::manifest {

namespace {

/// postconf(1)'s service-defined parameter suffixes (Postfix 3.7, postconf_service.c).
constexpr std::string_view service_suffixes[] = {
    "_delivery_slot_cost",
    "_delivery_slot_discount",
    "_delivery_slot_loan",
    "_destination_concurrency_failed_cohort_limit",
    "_destination_concurrency_limit",
    "_destination_concurrency_negative_feedback",
    "_destination_concurrency_positive_feedback",
    "_destination_rate_delay",
    "_destination_recipient_limit",
    "_extra_recipient_limit",
    "_initial_destination_concurrency",
    "_minimum_delivery_slots",
    "_recipient_limit",
    "_recipient_refill_delay",
    "_recipient_refill_limit",
    "_time_limit",
    "_transport_rate_delay",
};

bool is_name_character(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/// Adds the names `value` refers to.
void collect_references(std::string_view value, std::set<std::string>& names) {
    for (std::size_t at = value.find('$'); at != std::string_view::npos;
         at = value.find('$', at + 1)) {
        std::size_t start = at + 1;
        if (start < value.size() && (value[start] == '{' || value[start] == '('))
            ++start;
        std::size_t end = start;
        while (end < value.size() && is_name_character(value[end]))
            ++end;
        if (end > start)
            names.emplace(value.substr(start, end - start));
    }
}

}  // namespace

std::vector<std::string> service_parameter_names(const std::vector<std::string>& services) {
    std::vector<std::string> names;
    names.reserve(services.size() * std::size(service_suffixes));
    for (const std::string& service : services) {
        for (const std::string_view suffix : service_suffixes)
            names.push_back(service + std::string(suffix));
    }
    return names;
}

std::vector<std::string> master_cf_service_names(std::string_view master_cf) {
    std::vector<std::string> names;
    std::size_t start = 0;
    while (start < master_cf.size()) {
        const std::size_t end = std::min(master_cf.find('\n', start), master_cf.size());
        const std::string_view line = master_cf.substr(start, end - start);
        start = end + 1;
        if (line.empty() || line[0] == '#' || line[0] == ' ' || line[0] == '\t')
            continue;
        std::string_view service = line.substr(0, line.find_first_of(" \t"));
        if (const std::size_t colon = service.rfind(':'); colon != std::string_view::npos) {
            service = service.substr(colon + 1);
        }
        if (!service.empty())
            names.emplace_back(service);
    }
    return names;
}

const std::vector<std::string>& stock_service_names() {
    static const std::vector<std::string> names{"smtp",
                                                "pickup",
                                                "cleanup",
                                                "qmgr",
                                                "tlsmgr",
                                                "rewrite",
                                                "bounce",
                                                "defer",
                                                "trace",
                                                "verify",
                                                "flush",
                                                "proxymap",
                                                "proxywrite",
                                                "relay",
                                                "showq",
                                                "error",
                                                "retry",
                                                "discard",
                                                "local",
                                                "virtual",
                                                "lmtp",
                                                "anvil",
                                                "scache",
                                                "postlog",
                                                "maildrop",
                                                "uucp",
                                                "ifmail",
                                                "bsmtp",
                                                "scalemail-backend",
                                                "mailman",
                                                "submission",
                                                "smtps",
                                                "amavis",
                                                "dovecot"};
    return names;
}

std::vector<std::string> referenced_parameter_names(const Manifest& manifest) {
    std::set<std::string> names;
    auto collect = [&names](const std::vector<Parameter>& parameters) {
        for (const Parameter& p : parameters) {
            if (p.value)
                collect_references(*p.value, names);
        }
    };
    collect(manifest.primary_parameters);
    for (const DesiredInstance& instance : manifest.instances)
        collect(instance.parameters);
    return {names.begin(), names.end()};
}

Diagnostics check_parameter_names(const Manifest& manifest, const std::vector<std::string>& known,
                                  Severity severity) {
    std::set<std::string_view> known_set(known.begin(), known.end());
    const std::vector<std::string> referenced = referenced_parameter_names(manifest);
    known_set.insert(referenced.begin(), referenced.end());
    Diagnostics problems;
    auto check = [&](const std::vector<Parameter>& parameters) {
        for (const Parameter& p : parameters) {
            if (known_set.contains(p.name))
                continue;
            std::string message = "unknown parameter '" + p.name +
                                  "': Postfix would log 'unused parameter' and ignore it";
            if (const auto nearest = nearest_name(p.name, known)) {
                message += "; did you mean " + *nearest + "?";
            }
            problems.push_back(
                severity == Severity::error
                    ? make_error(manifest.path, p.position.line, p.position.column, message)
                    : make_warning(manifest.path, p.position.line, p.position.column, message));
        }
    };
    check(manifest.primary_parameters);
    for (const DesiredInstance& instance : manifest.instances)
        check(instance.parameters);
    return problems;
}

}  // namespace pmr::manifest
