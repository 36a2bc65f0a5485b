// Fuzz target for the manifest reader: the YAML parser and the validator (src/core/manifest).
//
// Input: a manifest, any bytes.
//
// Invariants, checked with abort() so that libFuzzer reports them:
//   1. reading never crashes, whatever the bytes (bad YAML, NUL bytes, anchors, deep nesting);
//   2. a manifest is returned exactly when no problem is an error, and every problem is
//      located in the input (line and column within it, or 0 for the whole file);
//   3. a manifest that was read writes out as YAML that reads back without a problem and writes
//      out to the same text again (write_manifest is a fixed point of reading);
//   4. where the YAML's `instances:` list can be cut (yaml_split.h) and its parts parse, they
//      make the tree of the whole text: a manifest never means something else in parts.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/manifest/manifest_parser.h"
#include "core/manifest/manifest_writer.h"
#include "core/manifest/yaml_nesting.h"
#include "core/manifest/yaml_split.h"
#include "core/manifest/yaml_tree.h"

namespace {

using namespace pmr;

[[noreturn]] void violated(const char* invariant, std::string_view detail) {
    std::fprintf(stderr, "manifest_fuzz: invariant violated: %s\n%.*s\n", invariant,
                 static_cast<int>(detail.size()), detail.data());
    std::abort();
}

std::size_t line_count(std::string_view text) {
    std::size_t lines = 1;
    for (const char c : text)
        lines += c == '\n';
    return lines;
}

/// Invariant 4. parse_yaml_tree() checks the nesting of flow collections before it cuts a text:
/// texts it refuses for that are not compared.
void check_parts_make_the_whole(std::string_view text) {
    if (text.find('\0') != std::string_view::npos ||
        manifest::find_too_deep_flow_nesting(text, manifest::max_yaml_nesting)) {
        return;
    }
    for (const std::size_t parts : {2, 3}) {
        const auto split = manifest::split_instance_list(text, parts);
        if (!split)
            return;
        const auto in_parts = manifest::parse_yaml_parts(*split, "fuzz.yaml", SequentialRunner{});
        if (!in_parts)
            continue;
        Diagnostics problems;
        const auto whole = manifest::parse_yaml_tree(text, "fuzz.yaml", problems);
        if (!whole || *whole != *in_parts)
            violated("the parts of a text make the tree of the whole text", text);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    check_parts_make_the_whole(text);
    const manifest::PrimaryDirectories primary;
    Diagnostics problems;
    const auto read = manifest::parse_and_validate(text, "fuzz.yaml", primary, problems);

    if (read.has_value() == has_errors(problems)) {
        violated("a manifest is returned exactly when there is no error",
                 problems.empty() ? std::string_view("(no problems)") : problems.front().message);
    }
    const std::size_t lines = line_count(text);
    for (const Diagnostic& d : problems) {
        if (d.line < 0 || d.column < 0 || static_cast<std::size_t>(d.line) > lines + 1) {
            violated("every problem is located in the input", d.to_string());
        }
    }
    if (!read)
        return 0;

    const std::string written = manifest::write_manifest(*read);
    Diagnostics again;
    const auto reread = manifest::parse_and_validate(written, "written.yaml", primary, again);
    if (!reread || !again.empty()) {
        violated("a written manifest reads back without a problem",
                 again.empty() ? written : again.front().to_string() + "\n" + written);
    }
    if (manifest::write_manifest(*reread) != written) {
        violated("writing is a fixed point of reading", written);
    }
    return 0;
}
