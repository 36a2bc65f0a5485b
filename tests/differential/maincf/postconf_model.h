#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/maincf/configuration.h"
#include "core/maincf/main_cf.h"
#include "core/maincf/parameter_defaults.h"
#include "postconf_output.h"
#include "postconf_process.h"

namespace pmr::maincf::differential {

using test_support::lines_of;
using test_support::postconf_path;
using test_support::printable;

/// What postconf knows before it reads a main.cf: its parameters and their defaults, as
/// `postconf -c EMPTY -d` prints them (without a master.cf, so no per-service parameters).
struct PostconfKnowledge {
    ParameterDefaults defaults;
    std::set<std::string, std::less<>> builtin_names;
    /// The names each builtin default refers to (postconf scans defaults left in effect).
    std::map<std::string, std::vector<std::string>, std::less<>> default_references;

    /// Runs postconf -d once per process; throws when postconf is missing or fails.
    static const PostconfKnowledge& get();
};

/// Stands for the process id of the postconf run in predicted values (`$process_id`).
inline constexpr std::string_view process_id_placeholder = "<postconf-pid>";

/// True when `actual` equals `expected` with each process_id_placeholder replaced by a number.
[[nodiscard]] bool matches_with_process_ids(std::string_view expected, std::string_view actual);

/// Postfix's legacy parameters (postconf_builtin.c): printed by -n only when main.cf sets them.
[[nodiscard]] bool is_legacy_parameter(std::string_view name);

/// Postfix's output normalisation (pcf_print_line): words separated by one space, no
/// leading or trailing white space. postconf applies it to every line it prints.
[[nodiscard]] std::string normalise(std::string_view text);

/// What postconf would do with one main.cf, predicted from pmreconcile's engine plus postconf's
/// own presentation rules (which parameters it shows, and how).
class PostconfPrediction {
  public:
    /// `directory` is the -c directory: postconf sets config_directory to it unless main.cf does.
    PostconfPrediction(const MainCf& main_cf, const PostconfKnowledge& knowledge,
                       const std::string& directory);

    /// True when `postconf -n` (and -x) must fail: a parse error, or a macro error in a value
    /// postconf expands while reading main.cf (the setting of any builtin parameter, and
    /// smtpd_restriction_classes).
    [[nodiscard]] bool read_fails() const { return read_fails_; }
    /// The fatal line postconf prints then (`postconf: fatal: ...`), when it is predictable.
    [[nodiscard]] const std::optional<std::string>& read_error() const { return read_error_; }

    /// The names `postconf -n` prints, sorted: main.cf's settings of parameters postconf
    /// knows (builtin, legacy, or user-defined and referenced somewhere), read-only ones excepted.
    [[nodiscard]] const std::vector<std::string>& visible_names() const { return visible_; }
    /// `postconf -n`'s output, config_directory's injected line left out.
    [[nodiscard]] std::string n_output() const;
    /// `postconf -xh name` for one visible name: the expansion (or raw value for raw parameters).
    [[nodiscard]] Expansion expanded(std::string_view name) const;
    /// postconf's parse warnings (`overriding earlier entry`, `logical line must not start with
    /// whitespace`), in postconf's wording, in order.
    [[nodiscard]] std::vector<std::string> parse_warnings() const;

  private:
    const MainCf& main_cf_;
    ParameterDefaults defaults_;  // postconf's, with config_directory set to the -c directory
    Configuration configuration_;
    std::vector<std::string> visible_;
    bool read_fails_ = false;
    std::optional<std::string> read_error_;
};

/// The stderr line postconf prints for the same failure as pmreconcile's expansion error
/// `error`, or nullopt when postconf words it differently (a loop ends in its nesting limit).
[[nodiscard]] std::optional<std::string> postconf_wording(const std::string& error);

}  // namespace pmr::maincf::differential
