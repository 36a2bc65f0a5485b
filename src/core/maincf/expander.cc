#include "core/maincf/expander.h"

#include <algorithm>

namespace pmr::maincf {

namespace {

/// Postfix's limit: a mac_expand() callback entered at nesting level above 100 is an error. Every
/// callback counts, literal text included, and each relational operand starts again from zero.
constexpr int max_nesting = 100;
/// Beyond Postfix: because relational operands restart the count above, only this bounds the
/// recursion (and so the stack) for absurdly nested values. Postfix itself has no such bound.
constexpr int max_total_depth = 1000;
/// Postfix's CHARS_SPACE, the white space mac_expand() skips around operators and operands.
constexpr std::string_view expansion_whitespace = " \t\r\n";
/// The characters Postfix reads as one relational operator (for better diagnostics).
constexpr std::string_view operator_characters = "<>!=?+-*/~&|%";

bool is_name_character(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool all_digits(std::string_view text) {
    return !text.empty() && std::ranges::all_of(text, [](char c) { return c >= '0' && c <= '9'; });
}

std::size_t skip_whitespace(std::string_view text, std::size_t pos) {
    const std::size_t next = text.find_first_not_of(expansion_whitespace, pos);
    return next == std::string_view::npos ? text.size() : next;
}

/// The `%.20s` excerpt Postfix shows after a `>>>` marker.
std::string excerpt20(std::string_view text, std::size_t pos) {
    return std::string(text.substr(std::min(pos, text.size()), 20));
}

enum class Operator { eq, ne, lt, le, ge, gt };

std::optional<Operator> parse_operator(std::string_view op) {
    if (op == "==")
        return Operator::eq;
    if (op == "!=")
        return Operator::ne;
    if (op == "<")
        return Operator::lt;
    if (op == "<=")
        return Operator::le;
    if (op == ">=")
        return Operator::ge;
    if (op == ">")
        return Operator::gt;
    return std::nullopt;
}

/// The digits of a non-negative decimal number without leading zeros, or nullopt when the number
/// does not fit in a long (Postfix's strtol() then fails and Postfix gives up).
std::optional<std::string_view> canonical_number(std::string_view digits) {
    const std::size_t first = digits.find_first_not_of('0');
    if (first == std::string_view::npos)
        return std::string_view("0");
    digits.remove_prefix(first);
    constexpr std::string_view long_max = "9223372036854775807";
    if (digits.size() > long_max.size() ||
        (digits.size() == long_max.size() && digits > long_max)) {
        return std::nullopt;
    }
    return digits;
}

class Expander {
  public:
    /// Expands with `lookup`, or, when `names` is given, only collects the names referenced (the
    /// scan mode Postfix uses to find user-defined parameters).
    Expander(const ParameterLookup* lookup, std::vector<std::string>* names)
        : lookup_(lookup), names_(names) {}

    Expansion run(std::string_view text) {
        result_.value.reserve(text.size() + 32);
        parse(text, result_.value);
        if (!result_.ok())
            result_.value.clear();
        return std::move(result_);
    }

  private:
    bool scanning() const { return names_ != nullptr; }
    bool failed() const { return !result_.errors.empty(); }
    void fail(std::string message) { result_.errors.push_back(std::move(message)); }

    /// Enters one mac_expand() callback for `what` (an expression or a run of literal text).
    bool enter(std::string_view what) {
        if (level_++ > max_nesting) {
            fail("unreasonable macro call nesting: \"" + std::string(what) + "\"");
            return false;
        }
        return true;
    }

    /// Reports the literal text appended to `out` since `start`, as mac_parse() hands each run
    /// of literal text to its callback (which only counts toward the nesting limit).
    bool literal(const std::string& out, std::size_t start) {
        if (out.size() == start)
            return true;
        if (!enter(std::string_view(out).substr(start)))
            return false;
        --level_;
        return true;
    }

    /// Splits `text` into literal text and `$` references, as mac_parse() does, appending the
    /// expansion to `out`.
    void parse(std::string_view text, std::string& out) {
        std::size_t literal_start = out.size();
        std::size_t pos = 0;
        while (pos < text.size()) {
            const std::size_t dollar = text.find('$', pos);
            if (dollar == std::string_view::npos) {
                out.append(text.substr(pos));
                break;
            }
            out.append(text.substr(pos, dollar - pos));
            pos = dollar + 1;
            if (pos < text.size() && text[pos] == '$') {  // `$$` is a literal `$`
                out.push_back('$');
                ++pos;
                continue;
            }
            if (!literal(out, literal_start))
                return;
            std::string_view reference;
            if (pos < text.size() && (text[pos] == '{' || text[pos] == '(')) {
                const char open = text[pos];
                const char close = open == '{' ? '}' : ')';
                int level = 1;
                std::size_t end = pos + 1;
                for (; level > 0; ++end) {
                    if (end == text.size()) {
                        fail("truncated macro reference: \"" + std::string(text) + "\"");
                        return;
                    }
                    if (text[end] == open)
                        ++level;
                    if (text[end] == close)
                        --level;
                }
                reference = text.substr(pos + 1, end - pos - 2);
                pos = end;
            } else {
                std::size_t end = pos;
                while (end < text.size() && is_name_character(text[end]))
                    ++end;
                reference = text.substr(pos, end - pos);
                pos = end;
            }
            if (reference.empty()) {
                fail("empty macro name: \"" + std::string(text) + "\"");
                return;
            }
            expression(reference, out);
            if (failed())
                return;
            literal_start = out.size();
        }
        literal(out, literal_start);
    }

    /// Extracts a `{payload}` at `pos` (which holds '{'), balancing braces; advances `pos` past
    /// the closing brace and the white space after it.
    std::optional<std::string_view> curly_payload(std::string_view expr, std::size_t& pos) {
        int level = 1;
        for (std::size_t end = pos + 1; end < expr.size(); ++end) {
            if (expr[end] == '{')
                ++level;
            if (expr[end] == '}' && --level == 0) {
                const std::string_view payload = expr.substr(pos + 1, end - pos - 1);
                pos = skip_whitespace(expr, end + 1);
                return payload;
            }
        }
        fail("unbalanced {} in attribute expression: \"" + std::string(expr.substr(pos)) + "\"");
        return std::nullopt;
    }

    /// Expands one relational operand in a context of its own, as Postfix does with a separate
    /// mac_expand() call (which restarts the nesting count).
    std::string operand(std::string_view text) {
        std::string value;
        const int saved_level = level_;
        level_ = 0;
        parse(text, value);
        level_ = saved_level;
        return value;
    }

    /// Compares like Postfix's mac_exp_eval(): numerically when both operands are all digits,
    /// else byte by byte.
    std::optional<bool> compare(const std::string& left, Operator op, const std::string& right) {
        int delta = 0;
        if (all_digits(left) && all_digits(right)) {
            const auto l = canonical_number(left);
            const auto r = canonical_number(right);
            if (!l || !r) {
                fail("number out of range in relational expression: \"" + (l ? right : left) +
                     "\"");
                return std::nullopt;
            }
            delta = l->size() != r->size() ? (l->size() < r->size() ? -1 : 1) : l->compare(*r);
        } else {
            delta = left.compare(right);
        }
        switch (op) {
            case Operator::eq:
                return delta == 0;
            case Operator::ne:
                return delta != 0;
            case Operator::lt:
                return delta < 0;
            case Operator::le:
                return delta <= 0;
            case Operator::ge:
                return delta >= 0;
            case Operator::gt:
                return delta > 0;
        }
        return std::nullopt;
    }

    /// Evaluates `{a} OP {b}` at `pos`. Sets `value` to Postfix's fake lookup result ("true" or
    /// "") or, when scanning, to nothing; returns false on error.
    bool relational(std::string_view expr, std::size_t& pos,
                    std::optional<std::string_view>& value) {
        const auto left = curly_payload(expr, pos);
        if (!left)
            return false;
        std::size_t op_end = expr.find_first_not_of(operator_characters, pos);
        if (op_end == std::string_view::npos)
            op_end = expr.size();
        const std::string_view op_text = expr.substr(pos, op_end - pos);
        const auto op = parse_operator(op_text);
        if (!op) {
            fail("\"==\" or \"!=\" or \"<\" or \"<=\" or \">=\" or \">\" expected at: \"..." +
                 std::string(*left) + "}>>>" + excerpt20(expr, pos) + "\"");
            return false;
        }
        pos = skip_whitespace(expr, op_end);
        if (pos == expr.size() || expr[pos] != '{') {
            fail("\"{expression}\" expected at: \"...{" + std::string(*left) + "} " +
                 std::string(op_text) + ">>>" + excerpt20(expr, op_end) + "\"");
            return false;
        }
        const auto right = curly_payload(expr, pos);
        if (!right)
            return false;
        const std::string left_value = operand(*left);
        if (failed())
            return false;
        const std::string right_value = operand(*right);
        if (failed())
            return false;
        if (scanning()) {
            value.reset();
            return true;
        }
        const auto result = compare(left_value, *op, right_value);
        if (!result)
            return false;
        value = *result ? std::string_view("true") : std::string_view();
        return true;
    }

    /// Handles one `$name` / `${...}` reference, as mac_expand_callback() does.
    void expression(std::string_view expr, std::string& out) {
        if (!enter(expr))
            return;
        if (++total_depth_ > max_total_depth) {
            fail("macro expansion nested too deeply: \"" + std::string(expr) + "\"");
            return;
        }
        std::optional<std::string_view> value;
        std::string_view name;
        char op = 0;
        std::size_t pos = skip_whitespace(expr, 0);
        if (pos < expr.size() && expr[pos] == '{') {
            if (!relational(expr, pos, value))
                return;
            if (pos < expr.size()) {
                op = expr[pos];
                if (op != '?' && op != ':') {
                    fail("\"?\" or \":\" expected at: \"...}>>>" + excerpt20(expr, pos) + "\"");
                    return;
                }
                ++pos;
            }
        } else {
            const std::size_t start = pos;
            for (;; ++pos) {
                const std::size_t after_space = skip_whitespace(expr, pos);
                if (after_space == expr.size()) {
                    name = expr.substr(start, pos - start);
                    pos = expr.size();
                    break;
                }
                if (expr[after_space] == '?' || expr[after_space] == ':') {
                    name = expr.substr(start, pos - start);
                    op = expr[after_space];
                    pos = after_space + 1;
                    break;
                }
                if (!is_name_character(expr[pos])) {
                    fail("attribute name syntax error at: \"..." +
                         std::string(expr.substr(0, pos)) + ">>>" + excerpt20(expr, pos) + "\"");
                    return;
                }
            }
            if (scanning()) {
                if (!name.empty() && std::ranges::find(*names_, name) == names_->end()) {
                    names_->emplace_back(name);
                }
            } else {
                if (const Status lookup = lookup_->check_lookup(name); !lookup) {
                    fail(lookup.error());
                    return;
                }
                value = lookup_->raw_value(name);
            }
        }
        const bool non_empty = value && !value->empty();

        switch (op) {
            case 0:
                if (non_empty && !scanning()) {
                    if (name.empty()) {
                        parse(*value, out);  // the "true" of a relational expression
                    } else {
                        expand_named(name, *value, out);
                    }
                }
                break;
            case '?': {
                const auto if_true = branch(expr, pos);
                if (!if_true)
                    return;
                if (non_empty || scanning())
                    parse(*if_true, out);
                if (failed() || pos == expr.size())
                    break;
                if (expr[pos] != ':') {
                    fail("\":\" expected at: \"..." + std::string(*if_true) + "}>>>" +
                         excerpt20(expr, pos) + "\"");
                    return;
                }
                ++pos;
                // The text after ':' is parsed (and checked for garbage) as for `${name:...}`.
                if (!else_branch(expr, pos, !non_empty, out))
                    return;
                break;
            }
            default:  // ':'
                if (!else_branch(expr, pos, !non_empty, out))
                    return;
                break;
        }
        if (failed())
            return;
        --level_;
        --total_depth_;
    }

    /// The operand after ':', expanded when `taken` (or when scanning); false on error.
    bool else_branch(std::string_view expr, std::size_t& pos, bool taken, std::string& out) {
        const auto if_false = branch(expr, pos);
        if (!if_false)
            return false;
        if (taken || scanning())
            parse(*if_false, out);
        if (failed())
            return false;
        if (pos != expr.size()) {
            fail("unexpected input at: \"..." + std::string(*if_false) + "}>>>" +
                 excerpt20(expr, pos) + "\"");
            return false;
        }
        return true;
    }

    /// The operand after `?` or `:`: a `{payload}`, or all the rest of the expression.
    std::optional<std::string_view> branch(std::string_view expr, std::size_t& pos) {
        const std::size_t brace = skip_whitespace(expr, pos);
        if (brace < expr.size() && expr[brace] == '{') {
            pos = brace;
            return curly_payload(expr, pos);
        }
        const std::string_view rest = expr.substr(pos);
        pos = expr.size();
        return rest;
    }

    /// Expands the value of `name` in place. A name met again while its own value is being
    /// expanded would recurse forever (Postfix stops at its nesting limit, or crashes when the
    /// loop runs through a relational operand): reported as the loop it is.
    void expand_named(std::string_view name, std::string_view value, std::string& out) {
        for (const Frame* f = innermost_; f != nullptr; f = f->outer) {
            if (f->name != name)
                continue;
            // The loop runs from f, the outer use of name, to the innermost frame.
            std::vector<std::string_view> chain;
            for (const Frame* g = innermost_; g != f->outer; g = g->outer)
                chain.push_back(g->name);
            std::string loop;
            for (auto i = chain.rbegin(); i != chain.rend(); ++i)
                loop += "$" + std::string(*i) + " -> ";
            fail("parameter reference loop: " + loop + "$" + std::string(name));
            return;
        }
        Frame frame{name, innermost_};
        innermost_ = &frame;
        parse(value, out);
        innermost_ = frame.outer;
    }

    /// One name whose value is being expanded, linked to the one that referred to it (on the
    /// call stack: expanding allocates nothing for it).
    struct Frame {
        std::string_view name;
        const Frame* outer;
    };

    const ParameterLookup* lookup_;
    std::vector<std::string>* names_;
    Expansion result_;
    const Frame* innermost_ = nullptr;
    int level_ = 0;        // Postfix's per-context nesting level
    int total_depth_ = 0;  // every expression being evaluated, across contexts
};

}  // namespace

Expansion expand(std::string_view text, const ParameterLookup& lookup) {
    return Expander(&lookup, nullptr).run(text);
}

std::vector<std::string> referenced_names(std::string_view text) {
    std::vector<std::string> names;
    (void)Expander(nullptr, &names).run(text);
    return names;
}

}  // namespace pmr::maincf
