#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/mastercf/service.h"
#include "core/support/diagnostic.h"
#include "core/support/shared_text.h"

namespace pmr::mastercf {

/// One service entry of master.cf and where it stands in the file.
struct Entry {
    Service service;
    int line = 0;       ///< 1-based number of the line that starts the entry
    int last_line = 0;  ///< number of the last physical line that contributes content
};

/// A parsed master.cf: the exact bytes it was read from, and the service entries postconf would
/// see.
///
/// Logical lines are read as Postfix's readllines() reads them (the main.cf rule): blank,
/// white-space-only and comment lines are skipped; a line starting with white space continues
/// the entry before it, its text appended without the newline; a first line that starts with
/// white space is warned about and ignored. Each logical line is parsed with parse_service().
/// Where postconf stops at the first bad entry (`fatal:`), the parser reports every bad entry as
/// an error with postconf's message (`bad field count`, `invalid type field "..." in "..."`) and
/// keeps the good ones. Beyond Postfix, a NUL byte is an error (Postfix would silently cut the
/// line there).
///
/// A MasterCf is immutable and cheap to copy. Its text() is the input byte for byte.
class MasterCf {
  public:
    /// Parses `text`; never fails. `path` names the file in diagnostics. A shared text is kept
    /// shared, not copied (a simulated host's file and its parse are one text).
    [[nodiscard]] static MasterCf parse(SharedText text, std::string path);

    /// This parse as the file at `path` with the same text reads: the same entries (shared, not
    /// copied), and diagnostics that name `path`. A host whose instances hold copies of one
    /// master.cf parses it once.
    [[nodiscard]] MasterCf read_as(std::string path) const;

    /// An empty master.cf.
    MasterCf();

    /// The exact bytes that were parsed.
    [[nodiscard]] const std::string& text() const;
    /// The same, shared.
    [[nodiscard]] const SharedText& shared_text() const;
    /// The path given to parse(), used in every diagnostic.
    [[nodiscard]] const std::string& path() const;
    /// Every valid entry in file order (postconf -M order), duplicates included.
    [[nodiscard]] std::span<const Entry> entries() const;
    /// Warnings and errors found while parsing, in line order. Brace warnings read as postconf's
    /// (`master.cf: missing '}' in "..."`).
    [[nodiscard]] const Diagnostics& diagnostics() const;
    /// True when parsing found an error (postconf and master(8) would refuse the file).
    [[nodiscard]] bool has_errors() const;

    /// The first entry named `name` of type `type`, or nullptr.
    [[nodiscard]] const Entry* find(std::string_view name, std::string_view type) const;

    /// The parsed state, shared by copies (opaque outside master_cf.cc).
    struct Data;
    /// What does not depend on the path: the text and its entries, shared by read_as().
    struct Entries;

  private:
    explicit MasterCf(std::shared_ptr<const Data> data);
    std::shared_ptr<const Data> data_;
};

/// postconf's fatal message for a parse error of `master_cf` (`file PATH: line N: bad field
/// count`, or the field message as it is), without the `postconf: fatal: ` prefix.
[[nodiscard]] std::string postconf_wording(const Diagnostic& error);

}  // namespace pmr::mastercf
