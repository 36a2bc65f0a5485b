#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/mastercf/master_cf.h"
#include "core/mastercf/service.h"
#include "core/support/diagnostic.h"
#include "core/support/expected.h"

namespace pmr::mastercf {

/// Which services an edit applies to: a name and a type, either of which may be `*` (any).
struct ServicePattern {
    std::string name;
    std::string type;

    [[nodiscard]] bool matches(std::string_view service_name, std::string_view service_type) const;
    /// `name/type`.
    [[nodiscard]] std::string text() const { return name + "/" + type; }
    friend bool operator==(const ServicePattern&, const ServicePattern&) = default;
};

/// `postconf -Me 'name/type=definition'`: replace the matching entries (and any entry with the
/// definition's own name and type) by the definition, at the first one's place; append it when
/// none matches.
struct SetService {
    ServicePattern pattern;
    std::string definition;  ///< a whole entry: `name type private ... command args`
    friend bool operator==(const SetService&, const SetService&) = default;
};
/// `postconf -MX name/type`: drop the matching entries with their continuation lines.
struct RemoveService {
    ServicePattern pattern;
    friend bool operator==(const RemoveService&, const RemoveService&) = default;
};
/// `postconf -M# name/type`: prefix each line of the matching entries with `#`.
struct CommentOutService {
    ServicePattern pattern;
    friend bool operator==(const CommentOutService&, const CommentOutService&) = default;
};
/// `postconf -F 'name/type/field=value'`: replace one field of the matching entries (for
/// `command`, the command and all its arguments).
struct SetField {
    ServicePattern pattern;
    Field field = Field::command;
    std::string value;
    friend bool operator==(const SetField&, const SetField&) = default;
};
/// `postconf -P 'name/type/parameter=value'`: set `-o parameter=value` in the matching entries
/// (each existing setting replaced in place, else added after the last option).
struct SetParameter {
    ServicePattern pattern;
    std::string name;
    std::string value;
    friend bool operator==(const SetParameter&, const SetParameter&) = default;
};
/// `postconf -PX name/type/parameter`: drop every `-o parameter=...` of the matching entries.
struct RemoveParameter {
    ServicePattern pattern;
    std::string name;
    friend bool operator==(const RemoveParameter&, const RemoveParameter&) = default;
};

/// One requested change to master.cf. postconf applies one kind per run; so does apply_edits().
using Edit = std::variant<SetService, RemoveService, CommentOutService, SetField, SetParameter,
                          RemoveParameter>;

/// The postconf options that make each kind of edit.
enum class EditMode {
    set_service,
    remove_service,
    comment_out_service,
    set_field,
    set_parameter,
    remove_parameter
};

/// The mode of an edit.
[[nodiscard]] EditMode mode_of(const Edit& edit);
/// The command-line argument postconf takes for `edit` (`name/type/parameter=value`, ...).
[[nodiscard]] std::string request_text(const Edit& edit);

/// Parses a postconf command-line argument of the given mode (`name/type=...` for -Me,
/// `name/type` for -MX and -M#, `name/type/field=value` for -F, `name/type/parameter=value`
/// for -P, `name/type/parameter` for -PX) with postconf's checks; fails with postconf's message
/// (`-Pe does not accept whitespace in parameter value`, ...). Beyond postconf, empty field values
/// and an invalid -Me definition are refused here (postconf would write a broken file, or crash).
[[nodiscard]] Expected<Edit> parse_request(EditMode mode, std::string_view argument);

/// Checks edits before any is applied: all of one mode, patterns without `/` in their parts,
/// names, values and definitions as parse_request() requires. Every problem is returned,
/// located at `origin`.
[[nodiscard]] Diagnostics validate_edits(std::span<const Edit> edits, std::string_view origin);

/// The edited text, and what happened.
struct EditOutcome {
    std::string text;
    Diagnostics warnings;  ///< `unmatched service_name/type: "..."`, brace warnings
    /// Errors that make postconf refuse the whole edit (its `fatal:` messages, in its wording):
    /// then `text` is the input, unchanged.
    Diagnostics errors;
    bool changed = false;
    /// Where a newline was added because the input did not end with one and entries were
    /// appended (Postfix 3.7 would glue the first one to the last line).
    std::optional<std::size_t> newline_added_at;
};

/// Applies edits of one mode in one pass with the semantics of postconf's master.cf editor
/// (postconf_edit.c), keeping every byte that no edit touches. Entries an edit touches are
/// rewritten in folded form (format_entry() with Folding::fold); with -F and -P, comment and
/// blank lines inside or after such an entry, before the next entry, move above it, as postconf
/// moves them. With -Me, entries that are not yet there are appended in request order.
[[nodiscard]] EditOutcome apply_edits(const MasterCf& master_cf, std::span<const Edit> edits);

}  // namespace pmr::mastercf
