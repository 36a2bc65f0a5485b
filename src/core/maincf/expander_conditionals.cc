#include "core/maincf/expander_state.h"
#include "core/maincf/relational_operator.h"

namespace pmr::maincf::detail {

std::optional<std::string_view> Expander::curly_payload(std::string_view expr, std::size_t& pos) {
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

std::string Expander::operand(std::string_view text) {
    std::string value;
    const int saved_level = level_;
    level_ = 0;
    parse(text, value);
    level_ = saved_level;
    return value;
}

bool Expander::relational(std::string_view expr, std::size_t& pos,
                          std::optional<std::string_view>& value) {
    const auto left = curly_payload(expr, pos);
    if (!left)
        return false;
    std::size_t op_end = expr.find_first_not_of(relational_operator_characters, pos);
    if (op_end == std::string_view::npos)
        op_end = expr.size();
    const std::string_view op_text = expr.substr(pos, op_end - pos);
    const auto op = parse_relational_operator(op_text);
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
    const Expected<bool> result = compare_operands(left_value, *op, right_value);
    if (!result) {
        fail(result.error());
        return false;
    }
    value = *result ? std::string_view("true") : std::string_view();
    return true;
}

bool Expander::apply_operator(std::string_view expr, std::size_t& pos, const Reference& reference,
                              std::string& out) {
    const bool non_empty = reference.value && !reference.value->empty();
    switch (reference.op) {
        case 0:
            if (non_empty && !scanning()) {
                if (reference.name.empty()) {
                    parse(*reference.value, out);  // the "true" of a relational expression
                } else {
                    expand_named(reference.name, *reference.value, out);
                }
            }
            return true;
        case '?':
            return if_branches(expr, pos, non_empty, out);
        default:  // ':'
            return else_branch(expr, pos, !non_empty, out);
    }
}

bool Expander::if_branches(std::string_view expr, std::size_t& pos, bool non_empty,
                           std::string& out) {
    const auto if_true = branch(expr, pos);
    if (!if_true)
        return false;
    if (non_empty || scanning())
        parse(*if_true, out);
    if (failed() || pos == expr.size())
        return true;
    if (expr[pos] != ':') {
        fail("\":\" expected at: \"..." + std::string(*if_true) + "}>>>" + excerpt20(expr, pos) +
             "\"");
        return false;
    }
    ++pos;
    // The text after ':' is parsed (and checked for garbage) as for `${name:...}`.
    return else_branch(expr, pos, !non_empty, out);
}

bool Expander::else_branch(std::string_view expr, std::size_t& pos, bool taken, std::string& out) {
    const auto if_false = branch(expr, pos);
    if (!if_false)
        return false;
    if (taken || scanning())
        parse(*if_false, out);
    if (failed())
        return false;
    if (pos != expr.size()) {
        fail("unexpected input at: \"..." + std::string(*if_false) + "}>>>" + excerpt20(expr, pos) +
             "\"");
        return false;
    }
    return true;
}

std::optional<std::string_view> Expander::branch(std::string_view expr, std::size_t& pos) {
    const std::size_t brace = skip_whitespace(expr, pos);
    if (brace < expr.size() && expr[brace] == '{') {
        pos = brace;
        return curly_payload(expr, pos);
    }
    const std::string_view rest = expr.substr(pos);
    pos = expr.size();
    return rest;
}

}  // namespace pmr::maincf::detail
