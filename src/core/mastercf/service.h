#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/support/expected.h"

namespace pmr::mastercf {

/// The white space that separates master.cf fields (postconf's PCF_MASTER_BLANKS). Vertical tab
/// and form feed are not among them: they stay inside a field.
inline constexpr std::string_view field_blanks = " \t\r\n";

/// Whether `c` is one of field_blanks (a comparison, not a search: it runs for every byte).
[[nodiscard]] constexpr bool is_field_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/// The transport of a service, master.cf's second column.
enum class ServiceType { inet, unix_stream, unix_dgram, fifo, pass };

/// One of the eight columns of a master.cf entry, in column order, with postconf's names
/// (`service`, `type`, `private`, `unprivileged`, `chroot`, `wakeup`, `process_limit`,
/// `command`). `command` is the command name followed by its arguments.
enum class Field { service, type, private_, unprivileged, chroot, wakeup, process_limit, command };

/// A yes/no column (`private`, `unprivileged`, `chroot`): `y`, `n`, or `-` for the default.
enum class Flag { yes, no, default_ };

/// The `wakeup` column: `-`, or a number of seconds with an optional trailing `?` (wake up only
/// when the service is in use).
struct Wakeup {
    /// nullopt for `-` (and for a lone `?`); a number too large saturates
    std::optional<unsigned long> seconds;
    bool only_when_used = false;
};

/// postconf's name of a field (`private`, `process_limit`, ...).
[[nodiscard]] std::string_view field_name(Field field);
/// The field named `name` (exact case), or nullopt.
[[nodiscard]] std::optional<Field> field_from_name(std::string_view name);
/// master.cf's spelling of a type (`unix-dgram`, ...), and back.
[[nodiscard]] std::string_view type_name(ServiceType type);
[[nodiscard]] std::optional<ServiceType> type_from_name(std::string_view name);

/// One service entry of master.cf as postconf holds it: the eight fields as written (defaults
/// stay `-`), then the command's arguments in postconf's normal form (see parse_service()).
///
/// `words` always holds at least eight strings: words[0..6] are the single-column fields,
/// words[7] the command name, the rest its arguments.
struct Service {
    std::vector<std::string> words;

    [[nodiscard]] const std::string& name() const { return words[0]; }
    [[nodiscard]] const std::string& type_text() const { return words[1]; }
    /// The text of a single-column field (not Field::command).
    [[nodiscard]] const std::string& field(Field f) const;
    /// The service type; valid once parse_service() accepted the entry.
    [[nodiscard]] ServiceType type() const;
    [[nodiscard]] Flag flag(Field f) const;  ///< private_, unprivileged or chroot
    [[nodiscard]] Wakeup wakeup() const;
    /// The process limit, or nullopt for `-` (the default_process_limit).
    [[nodiscard]] std::optional<unsigned long> process_limit() const;
    /// The command name (argv[0] of the daemon).
    [[nodiscard]] const std::string& command() const { return words[7]; }

    friend bool operator==(const Service&, const Service&) = default;
};

/// One `-o name=value` of a service's command, as postconf's -P reads it.
struct ServiceParameter {
    std::string name;
    std::string value;
    friend bool operator==(const ServiceParameter&, const ServiceParameter&) = default;
};

/// What parse_service() made of a text.
struct ParsedService {
    std::optional<Service> service;  ///< nullopt when `error` is set
    std::string error;               ///< postconf's wording: `bad field count`, `invalid ...`
    /// Whether `error` is `bad field count` (postconf prefixes it with file and line).
    bool bad_field_count = false;
    /// Warnings in postconf's wording without its `master.cf: ` prefix (brace syntax, `-o`
    /// values without `=`).
    std::vector<std::string> warnings;
};

/// Splits `text` (one logical line, or an entry given to `postconf -M name/type=...`) into
/// words at field_blanks, keeping `{...}` groups together (balanced braces; an unclosed `{`
/// runs to the end), checks the seven single-column fields as postconf does, and brings the
/// command's options into postconf's normal form: `-vo x` becomes `-v -o x`, `-oname=value`
/// becomes `-o name=value`, a `{ name = value }` after `-o` becomes `name=value`, and any other
/// `{ text }` argument becomes `text` (braces removed, ends trimmed). Option processing stops at
/// the first argument that does not start with `-`, or at `--`. A lone `-` takes the next word as
/// its value, as in postconf. Errors use postconf's wording; newlines in `text` show as spaces.
[[nodiscard]] ParsedService parse_service(std::string_view text);

/// Splits `text` into words at field_blanks, keeping a balanced `{...}` group in one word (an
/// unclosed `{` runs to the end of the text), as Postfix's mystrtokq() does.
[[nodiscard]] std::vector<std::string> split_fields(std::string_view text);

/// Checks the single-column fields of `words` as postconf does (the type, the y/n/- flags, the
/// wakeup and process limit syntax). Fails with postconf's message for the first bad field,
/// quoting `raw_text`.
[[nodiscard]] Status check_fields(const std::vector<std::string>& words, std::string_view raw_text);

/// Brings the arguments of words[8...] into postconf's normal form (see parse_service());
/// appends any brace warnings to `warnings`.
void normalise_arguments(std::vector<std::string>& words, std::vector<std::string>& warnings);

/// Whether words[i], an argument while options are still being read, is an option that takes
/// the next word as its value (`-o`, and `-` alone, as postconf treats it).
[[nodiscard]] bool takes_value(std::string_view word);

/// The `-o name=value` settings of a service's command in order (later ones override earlier
/// ones), as postconf's -P collects them: only options before the first non-option argument,
/// only values of the form name=value (white space around `=` trimmed).
[[nodiscard]] std::vector<ServiceParameter> parameters_of(const Service& service);

/// A `name=value` pair as split_name_value() splits it.
struct NameValue {
    std::string name;
    std::string value;  ///< trimmed of white space
};

/// Splits `text` as Postfix's split_nameval(): a name, then `=` with optional white space around
/// it. Fails with postconf's wording when the name or the `=` is missing.
[[nodiscard]] Expected<NameValue> split_name_value(std::string_view text);

}  // namespace pmr::mastercf
