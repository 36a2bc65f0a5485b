#include "core/manifest/yaml_line_check.h"

#include <cstddef>

namespace pmr::manifest {

namespace {

bool is_flow_indicator(char c) {
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

/// Characters that, where a node starts, begin something other than a plain or quoted scalar,
/// a flow collection or a block entry: not read here.
bool starts_special_node(char c) {
    constexpr std::string_view special = "?!&*|>%@`,:";
    return special.find(c) != std::string_view::npos;
}

/// One pass over a line: which tokens start where, as YAML's scanner decides, for the tokens a
/// manifest uses; anything else makes the line "not self-contained".
class LineLexer {
  public:
    explicit LineLexer(std::string_view line) : line_(line) {}

    bool run() {
        while (at_ < line_.size()) {
            const char c = line_[at_];
            if (c == ' ') {
                ++at_;
                continue;
            }
            if (c == '\t' || c == '\r')
                return false;
            if (c == '#') {
                // A comment needs white space before it; `"a"#b` is something else.
                return ends_well() && (at_ == 0 || line_[at_ - 1] == ' ');
            }
            if (!(expecting_node_ ? node() : after_node()))
                return false;
        }
        return ends_well();
    }

  private:
    /// No flow collection is open, and the line is not a scalar or collection alone: outside a
    /// block entry (`- x`) and without a key (`x: y`) that is either the next line of a plain
    /// scalar or an error, which yaml-cpp may report only lines later (or not at all before the
    /// end of the text): reading it depends on what follows.
    bool ends_well() const { return depth_ == 0 && !bare_node_; }

    /// A node ended; at the top level of a line without `- ` or `:` before it, it is bare.
    void node_ended() {
        expecting_node_ = false;
        if (depth_ == 0 && !entry_seen_ && !key_seen_)
            bare_node_ = true;
    }

    char peek(std::size_t i) const { return i < line_.size() ? line_[i] : '\n'; }
    bool ends_token(std::size_t i) const { return peek(i) == ' ' || peek(i) == '\n'; }

    /// Where a node may start: a quoted scalar, a flow collection, a block entry, a plain scalar.
    bool node() {
        const char c = line_[at_];
        if (c == '"')
            return quoted([this](std::size_t i) { return skip_double(i); });
        if (c == '\'')
            return quoted([this](std::size_t i) { return skip_single(i); });
        if (c == '[' || c == '{') {
            ++depth_;
            ++at_;
            return true;
        }
        if (c == ']' || c == '}')
            return close_flow();
        if (c == '-' && ends_token(at_ + 1)) {
            ++at_;  // a block entry; its node follows
            entry_seen_ = true;
            return depth_ == 0;
        }
        if (starts_special_node(c))
            return false;
        return plain();
    }

    /// After a node: a value indicator, or in a flow collection a `,` or its end.
    bool after_node() {
        const char c = line_[at_];
        if (c == ':') {
            const bool indicator =
                ends_token(at_ + 1) ||
                (depth_ > 0 && (after_json_ || is_flow_indicator(peek(at_ + 1))));
            ++at_;
            expecting_node_ = true;
            if (depth_ == 0) {
                key_seen_ = true;
                bare_node_ = false;
            }
            return indicator;
        }
        if (depth_ > 0 && c == ',') {
            ++at_;
            expecting_node_ = true;
            return true;
        }
        if (depth_ > 0 && (c == ']' || c == '}'))
            return close_flow();
        return false;
    }

    bool close_flow() {
        if (depth_ == 0)
            return false;
        --depth_;
        ++at_;
        node_ended();
        after_json_ = true;
        return true;
    }

    /// A plain scalar up to a value indicator, a comment, or (in a flow collection) a flow
    /// indicator. Quotes inside it are text to YAML, but a line that has them is not read here.
    bool plain() {
        while (at_ < line_.size()) {
            const char c = line_[at_];
            if (c == '"' || c == '\'' || c == '\t' || c == '\r')
                return false;
            if (c == ':' && ends_token(at_ + 1))
                break;
            if (c == ' ' && peek(at_ + 1) == '#')
                break;
            if (depth_ > 0) {
                if (c == ':')
                    return false;  // `a:b` in a flow collection: read differently by YAML versions
                if (is_flow_indicator(c))
                    break;
            }
            ++at_;
        }
        node_ended();
        after_json_ = false;
        return true;
    }

    template <typename Skip>
    bool quoted(Skip skip) {
        const std::size_t end = skip(at_ + 1);
        if (end == std::string_view::npos)
            return false;  // the quote goes on to the next line
        at_ = end;
        node_ended();
        after_json_ = true;
        return true;
    }

    /// Past the closing `"` of a double-quoted scalar whose text starts at `i`, or npos.
    std::size_t skip_double(std::size_t i) const {
        while (i < line_.size()) {
            if (line_[i] == '\\') {
                i += 2;
            } else if (line_[i] == '"') {
                return i + 1;
            } else {
                ++i;
            }
        }
        return std::string_view::npos;
    }

    /// Past the closing `'` of a single-quoted scalar whose text starts at `i` (`''` is a
    /// quote inside it), or npos.
    std::size_t skip_single(std::size_t i) const {
        while (i < line_.size()) {
            if (line_[i] != '\'') {
                ++i;
            } else if (peek(i + 1) == '\'') {
                i += 2;
            } else {
                return i + 1;
            }
        }
        return std::string_view::npos;
    }

    std::string_view line_;
    std::size_t at_ = 0;
    int depth_ = 0;
    bool expecting_node_ = true;
    bool after_json_ = false;  ///< after a quoted scalar or a flow collection: `:` may be direct
    bool entry_seen_ = false;  ///< a block entry `- ` started the line
    bool key_seen_ = false;    ///< a value indicator `:` outside flow collections
    bool bare_node_ = false;   ///< a node alone at the top level of the line (see ends_well)
};

}  // namespace

bool is_self_contained_line(std::string_view line) {
    return LineLexer(line).run();
}

}  // namespace pmr::manifest
