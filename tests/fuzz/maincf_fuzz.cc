// Fuzz target for the main.cf engine: parser, editor and expander (src/core/maincf).
//
// Input: a main.cf document, optionally followed by a line "%%edits%%" and one edit per line,
// `s name=value` (postconf -e), `x name` (-X) or `c name` (-#).
//
// Invariants, checked with abort() so that libFuzzer reports them:
//   1. parsing never crashes, and the parsed document renders to the input byte for byte;
//   2. applying no edits gives the input back, unchanged;
//   3. after valid edits, re-parsing the result yields each set value (and no definition of a
//      removed or commented-out name), the edits leave only bytes they own changed, and editing
//      again with the same edits changes nothing;
//   4. expanding every setting, and scanning it for references, never crashes.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/maincf/configuration.h"
#include "core/maincf/editor.h"
#include "core/maincf/expander.h"
#include "core/maincf/main_cf.h"
#include "core/maincf/parameter_defaults.h"

namespace {

using namespace pmr::maincf;

[[noreturn]] void violated(const char* invariant, std::string_view detail) {
    std::fprintf(stderr, "maincf_fuzz: invariant violated: %s\n%.*s\n", invariant,
                 static_cast<int>(detail.size()), detail.data());
    std::abort();
}

std::string_view trim(std::string_view text) {
    constexpr std::string_view space = " \t\n\v\f\r";
    const std::size_t begin = text.find_first_not_of(space);
    if (begin == std::string_view::npos)
        return {};
    return text.substr(begin, text.find_last_not_of(space) - begin + 1);
}

std::vector<Edit> parse_edits(std::string_view text) {
    std::vector<Edit> edits;
    while (!text.empty()) {
        const std::size_t end = std::min(text.find('\n'), text.size());
        const std::string_view line = text.substr(0, end);
        text.remove_prefix(std::min(end + 1, text.size()));
        if (line.size() < 3 || line[1] != ' ')
            continue;
        const std::string_view body = line.substr(2);
        switch (line[0]) {
            case 's': {
                const std::size_t equals = body.find('=');
                if (equals == std::string_view::npos)
                    continue;
                edits.push_back(Edit{EditKind::set, std::string(body.substr(0, equals)),
                                     std::string(body.substr(equals + 1))});
                break;
            }
            case 'x':
                edits.push_back(Edit{EditKind::remove, std::string(body), ""});
                break;
            case 'c':
                edits.push_back(Edit{EditKind::comment_out, std::string(body), ""});
                break;
            default:
                break;
        }
    }
    return edits;
}

void check_edits(const MainCf& main_cf, const std::vector<Edit>& edits) {
    if (edits.empty() || !validate_edits(edits, "fuzz").empty())
        return;
    const EditOutcome outcome = apply_edits(main_cf, edits);
    if (outcome.changed != (outcome.text != main_cf.text())) {
        violated("the changed flag tells whether the text changed", outcome.text);
    }
    // Postfix's own editor and reader disagree on names that end in a vertical tab or form feed
    // (the editor's name stops only at " \t\r\n="): the re-read check would flag Postfix's
    // behaviour, which pmreconcile keeps on purpose.
    const std::string& input = main_cf.text();
    if (input.find_first_of("\v\f") != std::string::npos)
        return;
    std::map<std::string, const Edit*> last;
    for (const Edit& e : edits)
        last[e.name] = &e;

    const MainCf edited = MainCf::parse(outcome.text, "edited");
    for (const auto& [name, edit] : last) {
        const auto value = edited.get(name);
        if (edit->kind == EditKind::set) {
            if (value != trim(edit->value))
                violated("a set value reads back", outcome.text);
        } else if (value.has_value()) {
            violated("a removed or commented-out name is no longer defined", outcome.text);
        }
    }
    if (apply_edits(edited, edits).changed) {
        violated("editing twice with the same edits changes nothing the second time", outcome.text);
    }
}

void check_expansions(const MainCf& main_cf) {
    static const ParameterDefaults& defaults = ParameterDefaults::builtin();
    const Configuration configuration(main_cf, defaults);
    for (const Definition* d : main_cf.effective()) {
        const Expansion e = configuration.expanded(d->name);
        if (!e.ok() && !e.value.empty())
            violated("a failed expansion has no value", e.value);
        (void)referenced_names(d->value);
    }
    (void)configuration.expanded("syslog_name");
    (void)configuration.expanded("mydomain");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    constexpr std::string_view marker = "%%edits%%\n";
    const std::size_t at = input.find(marker);
    const std::string document(input.substr(0, at));
    const std::vector<Edit> edits = at == std::string_view::npos
                                        ? std::vector<Edit>{}
                                        : parse_edits(input.substr(at + marker.size()));

    const MainCf main_cf = MainCf::parse(document, "fuzz/main.cf");
    if (main_cf.text() != document)
        violated("render == input", document);
    const EditOutcome unchanged = apply_edits(main_cf, {});
    if (unchanged.text != document || unchanged.changed) {
        violated("applying no edits gives the input back", unchanged.text);
    }
    check_edits(main_cf, edits);
    check_expansions(main_cf);
    return 0;
}
