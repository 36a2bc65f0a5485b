#pragma once

#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/support/diagnostic.h"

namespace pmr::maincf {

/// One `name = value` definition of main.cf, as Postfix's reader sees it.
///
/// The views point into the MainCf that produced the definition and live as long as any copy of it.
struct Definition {
    std::string_view name;
    std::string_view value;  ///< continuation lines joined as Postfix joins them, ends trimmed
    int line = 0;            ///< 1-based number of the line that starts the definition
    int last_line = 0;       ///< number of the last physical line that contributes content
};

/// A parsed main.cf: the exact bytes it was read from, and the definitions Postfix would see.
///
/// Parsing follows postconf(5) and Postfix's readllines()/split_nameval(): blank, white-space-only
/// and comment lines are ignored; a line starting with white space continues the logical line
/// before it (comment and blank lines between are skipped, the continuation's text is appended
/// with its leading white space); a first logical line that starts with white space is warned
/// about and ignored; a logical line without `=` is an error; the last definition of a name wins,
/// with a warning when it changes the value. Beyond Postfix, a NUL byte is an error (Postfix would
/// silently cut the line there).
///
/// A MainCf is immutable and cheap to copy. Rendering it gives back the input byte for byte.
class MainCf {
  public:
    /// Parses `text`; never fails. `path` names the file in diagnostics.
    [[nodiscard]] static MainCf parse(std::string text, std::string path);
    /// The same, sharing `text` (not null) instead of copying it: a host of 1,000 instances
    /// holds each file's bytes once.
    [[nodiscard]] static MainCf parse(std::shared_ptr<const std::string> text, std::string path);

    /// An empty main.cf named `path`.
    MainCf();

    /// The exact bytes that were parsed.
    [[nodiscard]] const std::string& text() const;
    /// The path given to parse(), used in every diagnostic.
    [[nodiscard]] const std::string& path() const;
    /// Every valid definition in file order, overridden ones included.
    [[nodiscard]] std::span<const Definition> definitions() const;
    /// Warnings and errors found while parsing, in line order.
    [[nodiscard]] const Diagnostics& diagnostics() const;
    /// True when parsing found an error (the file would be fatal to Postfix).
    [[nodiscard]] bool has_errors() const;

    /// The winning definition of `name`, or nullptr when main.cf leaves it to its default.
    [[nodiscard]] const Definition* find(std::string_view name) const;
    /// The effective (unexpanded) value of `name`, or nullopt when main.cf does not set it.
    [[nodiscard]] std::optional<std::string_view> get(std::string_view name) const;
    /// The winning definition of every name main.cf sets, sorted by name like `postconf -n`.
    [[nodiscard]] std::span<const Definition* const> effective() const;

    /// The parsed state, shared by copies (opaque outside main_cf.cc).
    struct Data;

  private:
    explicit MainCf(std::shared_ptr<const Data> data);
    std::shared_ptr<const Data> data_;
};

}  // namespace pmr::maincf
