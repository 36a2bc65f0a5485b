#include "core/maincf/expander.h"

#include <algorithm>

#include "core/maincf/line_scanner.h"

namespace pmr::maincf {

namespace {

constexpr int max_nesting = 100;  // Postfix's limit on nested macro calls
constexpr std::string_view expansion_whitespace = " \t\r\n";
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
std::string_view excerpt20(std::string_view text, std::size_t pos) {
    return text.substr(std::min(pos, text.size()), 20);
}

/// Compares like Postfix's mac_exp_eval(): numerically when both operands are all digits.
std::optional<bool> compare(std::string_view left, std::string_view op, std::string_view right) {
    int delta = 0;
    if (all_digits(left) && all_digits(right) && left.size() < 19 && right.size() < 19) {
        const long long l = std::stoll(std::string(left));
        const long long r = std::stoll(std::string(right));
        delta = l < r ? -1 : (l > r ? 1 : 0);
    } else {
        const int c = left.compare(right);
        delta = c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    if (op == "==") return delta == 0;
    if (op == "!=") return delta != 0;
    if (op == "<") return delta < 0;
    if (op == "<=") return delta <= 0;
    if (op == ">=") return delta >= 0;
    if (op == ">") return delta > 0;
    return std::nullopt;
}

class Expander {
public:
    explicit Expander(const ParameterLookup& lookup) : lookup_(lookup) {}

    Expansion run(std::string_view text) {
        parse(text, result_.value);
        if (!result_.ok()) result_.value.clear();
        return std::move(result_);
    }

private:
    bool failed() const { return !result_.errors.empty(); }

    void fail(std::string message) { result_.errors.push_back(std::move(message)); }

    /// Splits `text` into literal text and `$` references, as mac_parse() does.
    void parse(std::string_view text, std::string& out) {
        std::size_t pos = 0;
        while (pos < text.size() && !failed()) {
            const std::size_t dollar = text.find('$', pos);
            if (dollar == std::string_view::npos) {
                out.append(text.substr(pos));
                return;
            }
            out.append(text.substr(pos, dollar - pos));
            pos = dollar + 1;
            if (pos < text.size() && text[pos] == '$') {
                out.push_back('$');
                ++pos;
                continue;
            }
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
                    if (text[end] == open) ++level;
                    if (text[end] == close) --level;
                }
                reference = text.substr(pos + 1, end - pos - 2);
                pos = end;
            } else {
                std::size_t end = pos;
                while (end < text.size() && is_name_character(text[end])) ++end;
                reference = text.substr(pos, end - pos);
                pos = end;
            }
            if (reference.empty()) {
                fail("empty macro name: \"" + std::string(text) + "\"");
                return;
            }
            expression(reference, out);
        }
    }

    /// Extracts a `{payload}` at `pos` (which holds '{'), balancing braces; advances `pos` past
    /// the closing brace and the white space after it.
    std::optional<std::string_view> curly_payload(std::string_view expr, std::size_t& pos) {
        int level = 1;
        for (std::size_t end = pos + 1; end < expr.size(); ++end) {
            if (expr[end] == '{') ++level;
            if (expr[end] == '}' && --level == 0) {
                const std::string_view payload = expr.substr(pos + 1, end - pos - 1);
                pos = skip_whitespace(expr, end + 1);
                return payload;
            }
        }
        fail("unbalanced {} in attribute expression: \"" + std::string(expr.substr(pos)) + "\"");
        return std::nullopt;
    }

    /// Evaluates `{a} OP {b}` at `pos`; returns Postfix's fake lookup result: "true" or "".
    std::optional<std::string_view> relational(std::string_view expr, std::size_t& pos) {
        const auto left = curly_payload(expr, pos);
        if (!left) return std::nullopt;
        std::size_t op_end = expr.find_first_not_of(operator_characters, pos);
        if (op_end == std::string_view::npos) op_end = expr.size();
        const std::string_view op = expr.substr(pos, op_end - pos);
        if (!compare("", op, "")) {
            fail("\"==\" or \"!=\" or \"<\" or \"<=\" or \">=\" or \">\" expected at: \"..." +
                 std::string(*left) + "}>>>" + std::string(excerpt20(expr, pos)) + "\"");
            return std::nullopt;
        }
        pos = skip_whitespace(expr, op_end);
        if (pos == expr.size() || expr[pos] != '{') {
            fail("\"{expression}\" expected at: \"...{" + std::string(*left) + "} " +
                 std::string(op) + ">>>" + std::string(excerpt20(expr, pos)) + "\"");
            return std::nullopt;
        }
        const auto right = curly_payload(expr, pos);
        if (!right) return std::nullopt;
        std::string left_value;
        std::string right_value;
        parse(*left, left_value);
        parse(*right, right_value);
        if (failed()) return std::nullopt;
        return *compare(left_value, op, right_value) ? std::string_view("true")
                                                      : std::string_view();
    }

    /// Handles one `$name` / `${...}` reference, as mac_expand_callback() does.
    void expression(std::string_view expr, std::string& out) {
        if (++depth_ > max_nesting) {
            fail("unreasonable macro call nesting: \"" + std::string(expr) + "\"");
            return;
        }
        std::optional<std::string_view> value;
        std::string_view name;
        char op = 0;
        std::size_t pos = skip_whitespace(expr, 0);
        if (pos < expr.size() && expr[pos] == '{') {
            value = relational(expr, pos);
            if (failed()) return;
            if (pos < expr.size()) {
                op = expr[pos];
                if (op != '?' && op != ':') {
                    fail("\"?\" or \":\" expected at: \"...}>>>" +
                         std::string(excerpt20(expr, pos)) + "\"");
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
                    fail("attribute name syntax error at: \"..." + std::string(expr.substr(0, pos)) +
                         ">>>" + std::string(excerpt20(expr, pos)) + "\"");
                    return;
                }
            }
            value = lookup_.raw_value(name);
        }
        const bool non_empty = value && !value->empty();

        if (op == 0) {
            if (!non_empty) {
                --depth_;
                return;
            }
            if (name.empty()) {  // the "true" of a relational expression
                parse(*value, out);
            } else {
                expand_named(name, *value, out);
            }
            --depth_;
            return;
        }
        if (op == '?') {
            const auto if_true = branch(expr, pos);
            if (!if_true) return;
            if (non_empty) parse(*if_true, out);
            if (failed() || pos == expr.size()) {
                --depth_;
                return;
            }
            if (expr[pos] != ':') {
                fail("\":\" expected at: \"..." + std::string(*if_true) + "}>>>" +
                     std::string(excerpt20(expr, pos)) + "\"");
                return;
            }
            ++pos;
        }
        const auto if_false = branch(expr, pos);
        if (!if_false) return;
        if (!non_empty) parse(*if_false, out);
        if (!failed() && pos != expr.size()) {
            fail("unexpected input at: \"..." + std::string(*if_false) + "}>>>" +
                 std::string(excerpt20(expr, pos)) + "\"");
            return;
        }
        --depth_;
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

    /// Expands the value of `name` in place, refusing reference loops.
    void expand_named(std::string_view name, std::string_view value, std::string& out) {
        if (std::ranges::find(stack_, name) != stack_.end()) {
            std::string loop;
            for (auto it = std::ranges::find(stack_, name); it != stack_.end(); ++it) {
                loop += "$" + std::string(*it) + " -> ";
            }
            fail("parameter reference loop: " + loop + "$" + std::string(name));
            return;
        }
        stack_.push_back(name);
        parse(value, out);
        stack_.pop_back();
    }

    const ParameterLookup& lookup_;
    Expansion result_;
    std::vector<std::string_view> stack_;
    int depth_ = 0;
};

}  // namespace

Expansion expand(std::string_view text, const ParameterLookup& lookup) {
    return Expander(lookup).run(text);
}

}  // namespace pmr::maincf
