// Fuzz target for the master.cf engine: parser, views and editor (src/core/mastercf).
//
// Input: a master.cf document, optionally followed by a line "%%edits%%", then a line naming
// the mode (`Me`, `MX`, `M#`, `Fe`, `Pe` or `PX`) and one postconf request per line
// (`name/type/parameter=value`, ...).
//
// Invariants, checked with abort() so that libFuzzer reports them:
//   1. parsing never crashes, and the document keeps the input byte for byte;
//   2. the views (-M, -Mf, -F, -P) never crash, and -M shows one line per entry;
//   3. applying no edits gives the input back, unchanged;
//   4. valid requests apply without crashing; the changed flag tells whether the text changed;
//      a refused edit leaves the text alone; after -MX no entry of a removed literal name/type
//      is left, and after -Pe (on a document without unbalanced braces) each matched entry
//      reads back with the parameter set.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/mastercf/editor.h"
#include "core/mastercf/master_cf.h"
#include "core/mastercf/validation.h"
#include "core/mastercf/views.h"

namespace {

using namespace pmr::mastercf;

[[noreturn]] void violated(const char* invariant, std::string_view detail) {
    std::fprintf(stderr, "mastercf_fuzz: invariant violated: %s\n%.*s\n", invariant,
                 static_cast<int>(detail.size()), detail.data());
    std::abort();
}

std::optional<EditMode> mode_named(std::string_view name) {
    if (name == "Me")
        return EditMode::set_service;
    if (name == "MX")
        return EditMode::remove_service;
    if (name == "M#")
        return EditMode::comment_out_service;
    if (name == "Fe")
        return EditMode::set_field;
    if (name == "Pe")
        return EditMode::set_parameter;
    if (name == "PX")
        return EditMode::remove_parameter;
    return std::nullopt;
}

std::vector<std::string_view> lines_of(std::string_view text) {
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const std::size_t end = std::min(text.find('\n'), text.size());
        lines.push_back(text.substr(0, end));
        text.remove_prefix(std::min(end + 1, text.size()));
    }
    return lines;
}

void check_views(const MasterCf& master_cf) {
    const std::string entries = show_entries(master_cf, Folding::none);
    std::size_t newlines = 0;
    for (char c : entries)
        newlines += c == '\n' ? 1 : 0;
    // An entry is one line unless a value holds a newline (only the editor's input can).
    if (newlines < master_cf.entries().size())
        violated("-M shows every entry", entries);
    (void)show_entries(master_cf, Folding::fold);
    (void)show_fields(master_cf);
    (void)show_parameters(master_cf);
    for (const Entry& entry : master_cf.entries()) {
        (void)check_service(entry.service);
        (void)entry.service.wakeup();
        (void)entry.service.process_limit();
    }
}

void check_set_parameters(const EditOutcome& outcome, const std::vector<Edit>& edits) {
    if (outcome.text.find('{') != std::string::npos)
        return;  // braces may swallow words
    const MasterCf edited = MasterCf::parse(outcome.text, "edited");
    for (const Edit& edit : edits) {
        const auto& set = std::get<SetParameter>(edit);
        for (const Entry& entry : edited.entries()) {
            if (!set.pattern.matches(entry.service.name(), entry.service.type_text()))
                continue;
            bool found = false;
            for (const ServiceParameter& p : parameters_of(entry.service)) {
                found = found || (p.name == set.name && p.value == set.value);
            }
            // A dangling -o before the inserted one swallows it, as in postconf.
            const auto& words = entry.service.words;
            const bool dangling =
                std::find(words.begin() + 8, words.end(), std::string("-o")) != words.end();
            if (!found && !dangling)
                violated("a set parameter reads back", outcome.text);
        }
    }
}

void check_edits(const MasterCf& master_cf, EditMode mode, std::vector<std::string_view> args) {
    std::vector<Edit> edits;
    for (std::string_view a : args) {
        auto parsed = parse_request(mode, a);
        if (parsed)
            edits.push_back(std::move(parsed).value());
    }
    if (edits.empty() || !validate_edits(edits, "fuzz").empty())
        return;
    const EditOutcome outcome = apply_edits(master_cf, edits);
    if (outcome.changed != (outcome.text != master_cf.text())) {
        violated("the changed flag tells whether the text changed", outcome.text);
    }
    if (!outcome.errors.empty()) {
        if (outcome.text != master_cf.text())
            violated("a refused edit changes nothing", "");
        return;
    }
    if (mode == EditMode::remove_service && master_cf.text().find('{') == std::string::npos) {
        const MasterCf edited = MasterCf::parse(outcome.text, "edited");
        for (const Edit& edit : edits) {
            const ServicePattern& p = std::get<RemoveService>(edit).pattern;
            if (p.name == "*" || p.type == "*")
                continue;
            if (edited.find(p.name, p.type) != nullptr && master_cf.find(p.name, p.type)) {
                violated("a removed service is gone", outcome.text);
            }
        }
    }
    if (mode == EditMode::set_parameter)
        check_set_parameters(outcome, edits);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    constexpr std::string_view marker = "%%edits%%\n";
    const std::size_t at = input.find(marker);
    const std::string document(input.substr(0, at));

    const MasterCf master_cf = MasterCf::parse(document, "fuzz/master.cf");
    if (master_cf.text() != document)
        violated("text == input", document);
    check_views(master_cf);
    const EditOutcome unchanged = apply_edits(master_cf, {});
    if (unchanged.text != document || unchanged.changed) {
        violated("applying no edits gives the input back", unchanged.text);
    }
    if (at == std::string_view::npos)
        return 0;
    std::vector<std::string_view> lines = lines_of(input.substr(at + marker.size()));
    if (lines.empty())
        return 0;
    const std::optional<EditMode> mode = mode_named(lines.front());
    if (!mode)
        return 0;
    lines.erase(lines.begin());
    check_edits(master_cf, *mode, lines);
    return 0;
}
