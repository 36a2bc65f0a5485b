#pragma once

#include <map>
#include <string>

#include "core/mastercf/master_cf.h"
#include "core/mastercf/service.h"

namespace pmr::mastercf {

/// Whether a view folds long lines as `postconf -f` (and postconf's editor) does.
enum class Folding { none, fold };

/// One entry as `postconf -M` prints it (ending in a newline): the seven single-column fields
/// padded to columns 11, 17, 25, 33, 41, 49 and 57 (at least one space apart), then the command
/// and its arguments separated by single spaces; a `-o` value or a later non-option argument
/// with white space in it is shown in braces (the first non-option argument never is, as in
/// postconf). Folded (`-Mf`, and every entry postconf's editor writes), each option with a value
/// and whatever follows it start a new line indented by four spaces, and other arguments wrap
/// before column 80.
[[nodiscard]] std::string format_entry(const Service& service, Folding folding);

/// The eight `name/type/field = value` lines of `postconf -F` for one entry (the command line
/// formatted as in format_entry(), with Folding::none).
[[nodiscard]] std::string format_fields(const Service& service);

/// `postconf -M` (or `-Mf`) of a whole master.cf without errors.
[[nodiscard]] std::string show_entries(const MasterCf& master_cf, Folding folding);
/// `postconf -F` of a whole master.cf without errors.
[[nodiscard]] std::string show_fields(const MasterCf& master_cf);

/// The `-o name=value` parameters in effect for each `name/type`, as postconf -P collects them:
/// later settings override earlier ones, and entries that share a name and type share one set
/// (postconf keeps one table per `name/type`).
using ServiceParameters = std::map<std::string, std::map<std::string, std::string>>;
[[nodiscard]] ServiceParameters parameters_by_service(const MasterCf& master_cf);

/// `postconf -P` of a whole master.cf without errors: for each entry in file order, its
/// `name/type`'s parameters sorted by name, one `name/type/parameter = value` line each, white
/// space runs in the line shown as one space. As in postconf, an entry shows its name/type's
/// parameters (those of all entries of that name and type) only when it or an earlier entry of
/// the same name and type has a `-o name=value`.
[[nodiscard]] std::string show_parameters(const MasterCf& master_cf);

}  // namespace pmr::mastercf
