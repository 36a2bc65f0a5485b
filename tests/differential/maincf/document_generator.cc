#include "document_generator.h"

#include <algorithm>
#include <ostream>

namespace pmr::maincf::differential {

namespace {

/// Names main.cf defines: user-defined ones, plain builtins, and the special cases of postconf's
/// presentation (config_directory, a raw parameter, a legacy one, smtpd_restriction_classes,
/// myhostname which mydomain's default follows). Not a read-only parameter: when one refers to a
/// builtin that refers back, postconf -n and -x disagree with each other (postconf drops the
/// read-only setting in the middle of walking its hash table); corpus/special-parameters.cf and
/// postconf_facts_test.cc cover read-only parameters instead.
const std::vector<std::string> defined_names = {
    "p0",
    "p1",
    "p2",
    "p_3",
    "p4",
    "relayhost",
    "mydestination",
    "smtpd_banner",
    "alias_maps",
    "myorigin",
    "mail_name",
    "queue_directory",
    "myhostname",
    "config_directory",
    "forward_path",
    "virtual_maps",
    "smtpd_restriction_classes",
};

/// Names values refer to: the defined ones, names never defined, and builtins left at default.
const std::vector<std::string> referenced = [] {
    std::vector<std::string> names = defined_names;
    for (const char* n : {"u0", "undefined_x", "mail_version", "mydomain", "daemon_directory",
                          "multi_instance_name", "syslog_name", "process_name"}) {
        names.emplace_back(n);
    }
    return names;
}();

/// Names that edits add: never defined by documents.
const std::vector<std::string> new_names = {"pmr_new_a", "pmr_new_b", "zz_new", "a_new"};

rc::Gen<std::string> pick(const std::vector<std::string>& from) {
    return rc::gen::elementOf(from);
}

/// How a value is generated.
struct Style {
    int depth = 2;        ///< how deeply expressions nest
    bool broken = false;  ///< whether syntax errors may appear
    /// References go to names after this index of `referenced` only, so that the settings of a
    /// sound document cannot form a loop (a loop through a builtin makes postconf -n fail, and
    /// would leave little of the document to compare). Broken documents refer to any name.
    std::size_t floor = 0;

    [[nodiscard]] Style deeper() const { return Style{depth - 1, broken, floor}; }
};

rc::Gen<std::string> reference(const Style& style) {
    if (style.broken || style.floor >= referenced.size())
        return pick(referenced);
    return rc::gen::elementOf(std::vector<std::string>(
        referenced.begin() + static_cast<std::ptrdiff_t>(style.floor), referenced.end()));
}

rc::Gen<std::string> word() {
    return rc::gen::elementOf(std::vector<std::string>{
        "a",           "b",   "x1", "0",  "7", "007", "10", "9", "hash:/etc/postfix/x",
        "example.com", "a,b", "-",  "%",  "(", ")",   "=",  "?", ":",
        "#",           "yes", "no", "100"});
}

rc::Gen<std::string> whitespace() {
    return rc::gen::elementOf(std::vector<std::string>{" ", " ", "  ", "\t", " \t "});
}

rc::Gen<std::string> dollar(const Style& style) {
    return rc::gen::map(reference(style), [](const std::string& name) { return "$" + name; });
}

/// Text without braces or `$(`, usable unbraced after `?` or `:`.
rc::Gen<std::string> plain_text(const Style& style) {
    return rc::gen::exec([style] {
        std::string text;
        const int n = *rc::gen::inRange(0, 3);
        for (int i = 0; i < n; ++i) {
            if (i > 0)
                text += *whitespace();
            text += *rc::gen::weightedOneOf<std::string>({{3, word()}, {1, dollar(style)}});
        }
        return text;
    });
}

rc::Gen<std::string> value_text(const Style& style);

rc::Gen<std::string> operand(const Style& style) {
    return rc::gen::oneOf(word(), dollar(style), rc::gen::just(std::string()),
                          rc::gen::just(std::string(" 10")), rc::gen::just(std::string("0010")));
}

rc::Gen<std::string> relational(const Style& style) {
    return rc::gen::exec([style] {
        const std::string op =
            *rc::gen::elementOf(std::vector<std::string>{"==", "!=", "<", "<=", ">=", ">"});
        const std::string space = *rc::gen::elementOf(std::vector<std::string>{"", " "});
        std::string text =
            "${{" + *operand(style) + "}" + space + op + " {" + *operand(style) + "}";
        switch (*rc::gen::inRange(0, 4)) {
            case 0:
                break;
            case 1:
                text += "?{" + *value_text(style.deeper()) + "}";
                break;
            case 2:
                text += ":{" + *value_text(style.deeper()) + "}";
                break;
            default:
                text += " ? {" + *value_text(style.deeper()) + "} : {" +
                        *value_text(style.deeper()) + "}";
        }
        return text + "}";
    });
}

/// One `$` expression of any form; in broken documents, now and then one postconf refuses.
rc::Gen<std::string> expression(const Style& style) {
    if (style.depth <= 0)
        return dollar(style);
    const Style inner = style.deeper();
    return rc::gen::weightedOneOf<std::string>({
        {6, dollar(style)},
        {3, rc::gen::exec([style] { return "${" + *reference(style) + "}"; })},
        {1, rc::gen::exec([style] { return "${ " + *reference(style) + " }"; })},
        {2, rc::gen::exec([style] { return "$(" + *reference(style) + ")"; })},
        {2, rc::gen::exec(
                [style] { return "${" + *reference(style) + "?" + *plain_text(style) + "}"; })},
        {2, rc::gen::exec([style, inner] {
             return "${" + *reference(style) + "?{" + *value_text(inner) + "}}";
         })},
        {2, rc::gen::exec(
                [style] { return "${" + *reference(style) + ":" + *plain_text(style) + "}"; })},
        {2, rc::gen::exec([style, inner] {
             return "${" + *reference(style) + " : {" + *value_text(inner) + "} }";
         })},
        {3, rc::gen::exec([style, inner] {
             return "${" + *reference(style) + "?{" + *value_text(inner) + "}:{" +
                    *value_text(inner) + "}}";
         })},
        {3, relational(style)},
        {2, rc::gen::just(std::string("$$"))},
        {style.broken ? 2u : 0u,
         rc::gen::elementOf(std::vector<std::string>{"$", "${unterminated", "${p0 p1}",
                                                     "${{x}~{y}}", "${{99999999999999999999}=={1}}",
                                                     "$(p0?{x)", "${p0?{a}b}", "${p0:{a}?{b}}"})},
    });
}

rc::Gen<std::string> value_text(const Style& style) {
    return rc::gen::exec([style] {
        std::string text;
        const int n = *rc::gen::inRange(0, style.depth >= 2 ? 5 : 3);
        for (int i = 0; i < n; ++i) {
            if (i > 0 && *rc::gen::inRange(0, 3) != 0)
                text += *whitespace();
            text += *rc::gen::weightedOneOf<std::string>({{3, word()}, {4, expression(style)}});
        }
        return text;
    });
}

/// The physical lines of one definition: the head, then continuation lines (each starting with
/// white space) with comment or blank lines between them now and then.
std::vector<std::string> definition_lines(bool broken) {
    const std::size_t index = *rc::gen::inRange<std::size_t>(0, defined_names.size());
    const std::string& name = defined_names[index];
    const Style style{2, broken, index + 1};
    const std::string separator = *rc::gen::elementOf(
        std::vector<std::string>{" = ", " = ", "=", "\t=\t", "  =  ", " =", "= "});
    std::vector<std::string> lines;
    std::string current = name + separator;
    if (*rc::gen::inRange(0, 20) == 0) {  // the `=` on a continuation line
        lines.push_back(name);
        current = *whitespace() + "= ";
    }
    const int tokens = *rc::gen::inRange(0, 6);
    for (int i = 0; i < tokens; ++i) {
        const std::string token = *value_text(style);
        if (i > 0 && *rc::gen::inRange(0, 3) == 0) {
            lines.push_back(current);
            if (*rc::gen::inRange(0, 4) == 0) {
                lines.push_back(*rc::gen::elementOf(
                    std::vector<std::string>{"# inside", "", "  # indented inside", "\t"}));
            }
            current = *whitespace();
        } else if (i > 0) {
            current += *whitespace();
        }
        current += token;
    }
    if (*rc::gen::inRange(0, 8) == 0)
        current += *whitespace();  // trailing white space
    lines.push_back(current);
    return lines;
}

}  // namespace

rc::Gen<std::string> main_cf_document() {
    return rc::gen::exec([] {
        std::vector<std::string> lines;
        if (*rc::gen::inRange(0, 20) == 0) {
            lines.push_back(*whitespace() + "p0 = indented first line");
            if (*rc::gen::inRange(0, 2) == 0)
                lines.push_back("  and its continuation");
        }
        // One document in eight may hold lines and values postconf refuses: the others are
        // compared in full (postconf -n fails on any broken builtin setting).
        const bool broken = *rc::gen::inRange(0, 8) == 0;
        const int items = *rc::gen::inRange(0, 16);
        for (int i = 0; i < items; ++i) {
            const int kind = *rc::gen::inRange(0, broken ? 100 : 98);
            if (kind < 70) {
                for (std::string& line : definition_lines(broken))
                    lines.push_back(std::move(line));
            } else if (kind < 84) {
                lines.push_back(*rc::gen::elementOf(
                    std::vector<std::string>{"# comment", "#", "   # indented comment",
                                             "#p0 = commented out", "## $p1 ${"}));
            } else if (kind < 98) {
                lines.push_back(*rc::gen::elementOf(std::vector<std::string>{"", "", "   ", "\t"}));
            } else {
                lines.push_back(*rc::gen::elementOf(
                    std::vector<std::string>{"junk words without equals", "= no name"}));
            }
        }
        const int endings = *rc::gen::inRange(0, 10);  // 0: CRLF, 1: mixed, else LF
        std::string text;
        for (std::size_t i = 0; i < lines.size(); ++i) {
            text += lines[i];
            const bool crlf = endings == 0 || (endings == 1 && *rc::gen::inRange(0, 2) == 0);
            const bool last = i + 1 == lines.size();
            if (last && *rc::gen::inRange(0, 7) == 0)
                break;  // no final newline
            text += crlf ? "\r\n" : "\n";
        }
        return text;
    });
}

rc::Gen<EditBatch> edit_batch() {
    return rc::gen::exec([] {
        EditBatch batch;
        const int kind = *rc::gen::inRange(0, 10);
        batch.kind = kind < 6 ? EditKind::set : kind < 8 ? EditKind::remove : EditKind::comment_out;
        const int count = *rc::gen::inRange(1, 5);
        for (int i = 0; i < count; ++i) {
            const std::string name = *rc::gen::weightedOneOf<std::string>(
                {{3, pick(defined_names)}, {1, pick(new_names)}});
            if (batch.kind != EditKind::set) {
                // Postfix 3.7 crashes on a repeated -X or -# name (it prints a null pointer).
                const bool repeated =
                    std::ranges::any_of(batch.edits, [&](const Edit& e) { return e.name == name; });
                if (repeated)
                    continue;
                batch.edits.push_back(Edit{batch.kind, name, ""});
                continue;
            }
            std::string value = *value_text(Style{1, true, 0});
            if (*rc::gen::inRange(0, 6) == 0)
                value = *whitespace() + value + *whitespace();
            batch.edits.push_back(Edit{EditKind::set, name, value});
        }
        return batch;
    });
}

rc::Gen<GeneratedCase> generated_case() {
    // A fixed size: rapidcheck's default ramp from size 0 would skew every inRange() towards its
    // lower end for the first cases (all CRLF, no final newline, ...).
    return rc::gen::resize(100, rc::gen::exec([] {
                               GeneratedCase c;
                               c.text = *main_cf_document();
                               c.batches.push_back(*edit_batch());
                               return c;
                           }));
}

void showValue(const GeneratedCase& value, std::ostream& os) {
    os << "main.cf:\n" << value.text << "\nedits:";
    for (const EditBatch& b : value.batches) {
        os << "\n  " << (b.kind == EditKind::set ? "-e" : b.kind == EditKind::remove ? "-X" : "-#");
        for (const Edit& e : b.edits) {
            os << " '" << e.name << (e.kind == EditKind::set ? "=" + e.value : "") << "'";
        }
    }
}

}  // namespace pmr::maincf::differential
