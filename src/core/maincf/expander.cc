#include "core/maincf/expander.h"

#include <algorithm>

#include "core/maincf/expander_state.h"

namespace pmr::maincf {

namespace detail {

namespace {

/// Postfix's limit: a mac_expand() callback entered at nesting level above 100 is an error. Every
/// callback counts, literal text included, and each relational operand starts again from zero.
constexpr int max_nesting = 100;
/// Beyond Postfix: because relational operands restart the count above, only this bounds the
/// recursion (and so the stack) for absurdly nested values. Postfix itself has no such bound.
constexpr int max_total_depth = 1000;

bool is_name_character(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

}  // namespace

Expansion Expander::run(std::string_view text) {
    result_.value.reserve(text.size() + 32);
    parse(text, result_.value);
    if (!result_.ok())
        result_.value.clear();
    return std::move(result_);
}

bool Expander::enter(std::string_view what) {
    if (level_++ > max_nesting) {
        fail("unreasonable macro call nesting: \"" + std::string(what) + "\"");
        return false;
    }
    return true;
}

bool Expander::literal(const std::string& out, std::size_t start) {
    if (out.size() == start)
        return true;
    if (!enter(std::string_view(out).substr(start)))
        return false;
    --level_;
    return true;
}

void Expander::parse(std::string_view text, std::string& out) {
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

void Expander::expression(std::string_view expr, std::string& out) {
    if (!enter(expr))
        return;
    if (++total_depth_ > max_total_depth) {
        fail("macro expansion nested too deeply: \"" + std::string(expr) + "\"");
        return;
    }
    Reference reference;
    std::size_t pos = skip_whitespace(expr, 0);
    const bool read = pos < expr.size() && expr[pos] == '{' ? read_relational(expr, pos, reference)
                                                            : read_name(expr, pos, reference);
    if (!read || !apply_operator(expr, pos, reference, out) || failed())
        return;
    --level_;
    --total_depth_;
}

bool Expander::read_relational(std::string_view expr, std::size_t& pos, Reference& reference) {
    if (!relational(expr, pos, reference.value))
        return false;
    if (pos < expr.size()) {
        reference.op = expr[pos];
        if (reference.op != '?' && reference.op != ':') {
            fail("\"?\" or \":\" expected at: \"...}>>>" + excerpt20(expr, pos) + "\"");
            return false;
        }
        ++pos;
    }
    return true;
}

bool Expander::read_name(std::string_view expr, std::size_t& pos, Reference& reference) {
    const std::size_t start = pos;
    for (;; ++pos) {
        const std::size_t after_space = skip_whitespace(expr, pos);
        if (after_space == expr.size()) {
            reference.name = expr.substr(start, pos - start);
            pos = expr.size();
            break;
        }
        if (expr[after_space] == '?' || expr[after_space] == ':') {
            reference.name = expr.substr(start, pos - start);
            reference.op = expr[after_space];
            pos = after_space + 1;
            break;
        }
        if (!is_name_character(expr[pos])) {
            fail("attribute name syntax error at: \"..." + std::string(expr.substr(0, pos)) +
                 ">>>" + excerpt20(expr, pos) + "\"");
            return false;
        }
    }
    return look_up(reference);
}

bool Expander::look_up(Reference& reference) {
    const std::string_view name = reference.name;
    if (scanning()) {
        if (!name.empty() && std::ranges::find(*names_, name) == names_->end()) {
            names_->emplace_back(name);
        }
        return true;
    }
    if (const Status lookup = lookup_->check_lookup(name); !lookup) {
        fail(lookup.error());
        return false;
    }
    reference.value = lookup_->raw_value(name);
    return true;
}

void Expander::expand_named(std::string_view name, std::string_view value, std::string& out) {
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

}  // namespace detail

using detail::Expander;

Expansion expand(std::string_view text, const ParameterLookup& lookup) {
    return Expander(&lookup, nullptr).run(text);
}

std::vector<std::string> referenced_names(std::string_view text) {
    std::vector<std::string> names;
    (void)Expander(nullptr, &names).run(text);
    return names;
}

}  // namespace pmr::maincf
