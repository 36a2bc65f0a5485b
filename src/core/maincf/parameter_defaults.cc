#include "core/maincf/parameter_defaults.h"

#include <algorithm>

#include "core/maincf/line_scanner.h"

namespace pmr::maincf {

namespace {

/// Debian 12's `postconf -d` values of the parameters that instance management reads. Paths,
/// owners and command classes are what postmulti and postfix-wrapper(5) depend on.
constexpr std::pair<std::string_view, std::string_view> debian_defaults[] = {
    {"alternate_config_directories", ""},
    {"authorized_submit_users", "static:anyone"},
    {"command_directory", "/usr/sbin"},
    {"compatibility_level", "0"},
    {"config_directory", "/etc/postfix"},
    {"daemon_directory", "/usr/lib/postfix/sbin"},
    {"data_directory", "/var/lib/postfix"},
    {"html_directory", "/usr/share/doc/postfix/html"},
    {"import_environment",
     "MAIL_CONFIG MAIL_DEBUG MAIL_LOGTAG TZ XAUTHORITY DISPLAY LANG=C POSTLOG_SERVICE "
     "POSTLOG_HOSTNAME"},
    {"inet_interfaces", "all"},
    {"mail_owner", "postfix"},
    {"mail_version", "3.7.11"},
    {"maillog_file", ""},
    {"mailq_path", "/usr/bin/mailq"},
    {"manpage_directory", "/usr/share/man"},
    {"master_service_disable", ""},
    {"meta_directory", "/etc/postfix"},
    {"multi_instance_directories", ""},
    {"multi_instance_enable", "no"},
    {"multi_instance_group", ""},
    {"multi_instance_name", ""},
    {"multi_instance_wrapper", ""},
    {"newaliases_path", "/usr/bin/newaliases"},
    {"postmulti_control_commands", "reload flush"},
    {"postmulti_start_commands", "start"},
    {"postmulti_stop_commands", "stop abort drain quick-stop"},
    {"process_id_directory", "pid"},
    {"queue_directory", "/var/spool/postfix"},
    {"readme_directory", "/usr/share/doc/postfix"},
    {"sample_directory", "/etc/postfix"},
    {"sendmail_path", "/usr/sbin/sendmail"},
    {"setgid_group", "postdrop"},
    {"shlib_directory", "/usr/lib/postfix"},
    {"syslog_facility", "mail"},
    {"syslog_name", "${multi_instance_name?{$multi_instance_name}:{postfix}}"},
};

/// The parameters that Postfix 3.7's daemons declare raw (CONFIG_RAW_TABLE in local, smtpd and
/// postscreen), sorted. Checked against `postconf -x` by the differential test.
constexpr std::string_view raw_parameters[] = {
    "command_execution_directory",
    "default_rbl_reply",
    "forward_path",
    "luser_relay",
    "mailbox_command",
    "postscreen_expansion_filter",
    "postscreen_reject_footer",
    "smtpd_expansion_filter",
    "smtpd_reject_footer",
};

}  // namespace

bool is_raw_parameter(std::string_view name) {
    // Asked for every expanded value: the length rules out nearly every name at once.
    for (std::string_view raw : raw_parameters) {
        if (raw.size() == name.size() && raw == name)
            return true;
    }
    return false;
}

bool is_read_only_parameter(std::string_view name) {
    return name == "process_name" || name == "process_id" || name == "service_name";
}

std::vector<std::string> ParameterDefaults::names() const {
    std::vector<std::string> names;
    names.reserve(entries_.size());
    for (const auto& [name, value] : entries_)
        names.push_back(name);
    return names;
}

const ParameterDefaults& ParameterDefaults::builtin() {
    static const ParameterDefaults defaults = [] {
        ParameterDefaults d;
        for (const auto& [name, value] : debian_defaults)
            d.set(name, value);
        return d;
    }();
    return defaults;
}

ParameterDefaults ParameterDefaults::from_postconf_output(std::string_view text,
                                                          std::string_view origin,
                                                          Diagnostics& problems) {
    ParameterDefaults defaults = builtin();
    LineCursor cursor(text);
    std::string_view line;
    while (cursor.next(line)) {
        line = without_newline(line);
        if (line.empty())
            continue;
        // postconf prints `name = value`, and `name =` for an empty value.
        const std::size_t equals = line.find(" =");
        if (equals == std::string_view::npos || equals == 0 ||
            line.substr(0, equals).find(' ') != std::string_view::npos) {
            problems.push_back(
                make_error(origin, cursor.line_number(), 0,
                           "unexpected postconf output: \"" + std::string(line) + "\""));
            continue;
        }
        std::string_view value = line.substr(equals + 2);
        if (!value.empty() && value.front() == ' ')
            value.remove_prefix(1);
        defaults.set(line.substr(0, equals), value);
    }
    return defaults;
}

std::optional<std::string_view> ParameterDefaults::get(std::string_view name) const {
    auto it = std::ranges::lower_bound(
        entries_, name, {}, [](const auto& entry) -> std::string_view { return entry.first; });
    if (it == entries_.end() || it->first != name)
        return std::nullopt;
    return it->second;
}

void ParameterDefaults::set(std::string_view name, std::string_view value) {
    auto it = std::ranges::lower_bound(
        entries_, name, {}, [](const auto& entry) -> std::string_view { return entry.first; });
    if (it != entries_.end() && it->first == name) {
        it->second = value;
    } else {
        entries_.emplace(it, std::string(name), std::string(value));
    }
}

}  // namespace pmr::maincf
