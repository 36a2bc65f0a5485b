#pragma once

#include <optional>
#include <string>
#include <vector>

namespace pmr::manifest {

/// Where something was written in the manifest: 1-based line and column, 0 when unknown.
struct Position {
    int line = 0;
    int column = 0;
    friend bool operator==(const Position&, const Position&) = default;
};

/// One main.cf parameter the manifest manages; no value means "remove the setting".
struct Parameter {
    std::string name;
    std::optional<std::string> value;
    Position position;
    friend bool operator==(const Parameter&, const Parameter&) = default;
};

/// One `-o name=value` override of a service the manifest manages; no value removes it.
struct ServiceOption {
    std::string name;
    std::optional<std::string> value;
    Position position;
    friend bool operator==(const ServiceOption&, const ServiceOption&) = default;
};

/// One master.cf field the manifest manages, as written (`n`, `-`, `60?`, `smtpd -v`).
struct ServiceField {
    std::string value;
    Position position;
    friend bool operator==(const ServiceField&, const ServiceField&) = default;
};

/// One master.cf service the manifest manages, keyed `NAME/TYPE` as `postconf -M` prints it.
/// Only the fields given are managed; `absent` removes the service.
struct DesiredService {
    std::string name;  ///< `smtp`, `127.0.0.1:10026`, `dfilt`
    std::string type;  ///< `inet`, `unix`, ... (checked by validate())
    std::optional<ServiceField> private_;
    std::optional<ServiceField> unprivileged;  ///< `unpriv`
    std::optional<ServiceField> chroot;
    std::optional<ServiceField> wakeup;
    std::optional<ServiceField> process_limit;  ///< `maxproc`
    std::optional<ServiceField> command;        ///< the command and its arguments, no `-o`
    std::vector<ServiceOption> options;
    bool absent = false;
    Position position;  ///< of the key
    [[nodiscard]] std::string key() const { return name + "/" + type; }
    friend bool operator==(const DesiredService&, const DesiredService&) = default;
};

/// What to do with secondary instances on the host that the manifest does not list.
enum class Unmanaged { keep, deport, destroy };

/// Whether a listed instance should exist.
enum class DesiredState { present, absent };

/// One instance the manifest describes. Optional fields left out are not managed: the host's
/// value stays (a new instance gets postmulti's default: no group, disabled, directories
/// derived from the name).
struct DesiredInstance {
    std::string name;
    std::optional<std::string> group;  ///< "" clears the group
    std::optional<bool> enable;
    /// Whether its master should run; nullopt leaves the running state as it is.
    std::optional<bool> running;
    std::optional<std::string> config_directory;
    std::optional<std::string> queue_directory;
    std::optional<std::string> data_directory;
    std::vector<Parameter> parameters;
    std::vector<DesiredService> services;  ///< master.cf services it manages
    bool protect = false;                  ///< never destroyed or deported by pmreconcile
    DesiredState state = DesiredState::present;
    Position position;  ///< of the list entry
    Position name_position;
    Position group_position;  ///< of the value of each key, for messages (0 when not given)
    Position config_directory_position;
    Position queue_directory_position;
    Position data_directory_position;
    Position running_position;
    friend bool operator==(const DesiredInstance&, const DesiredInstance&) = default;
};

/// Something on the host that is not Postfix but takes mail (a content filter), so that the mail
/// flow can pass through it: where it listens, and where it hands mail back to Postfix, if it
/// does. Addresses are `host:port` (IPv6 as `[::1]:10025`) as written; flow::check_endpoints()
/// says what they mean. export cannot know them from the host: it writes none.
struct ExternalEndpoint {
    std::string name;
    std::string listen;
    std::optional<std::string> forwards_to;
    Position position;  ///< of the list entry
    Position listen_position;
    Position forwards_to_position;
    friend bool operator==(const ExternalEndpoint&, const ExternalEndpoint&) = default;
};

/// A whole manifest (version 1).
struct Manifest {
    std::string path;  ///< the file it was read from, for messages
    int version = 1;
    std::vector<Parameter> primary_parameters;
    std::vector<DesiredService> primary_services;
    std::optional<bool> primary_running;  ///< `primary: running:`; nullopt: not managed
    Unmanaged unmanaged = Unmanaged::keep;
    std::vector<DesiredInstance> instances;  ///< in start order
    /// `endpoints:`, in manifest order
    std::vector<ExternalEndpoint> endpoints;
    friend bool operator==(const Manifest&, const Manifest&) = default;
};

/// The lowercase YAML word of each enumeration.
[[nodiscard]] std::string_view to_string(Unmanaged unmanaged);
[[nodiscard]] std::string_view to_string(DesiredState state);

/// Manifests larger than this are refused before parsing.
inline constexpr std::size_t max_manifest_bytes = 4u << 20;

}  // namespace pmr::manifest
