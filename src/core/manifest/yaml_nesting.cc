#include "core/manifest/yaml_nesting.h"

namespace pmr::manifest {

namespace {

bool is_blank(char c) {
    return c == ' ' || c == '\t' || c == '\r';
}
bool is_flow_indicator(char c) {
    return c == ',' || c == '[' || c == ']' || c == '{' || c == '}';
}

/// One pass over the text, tracking just enough of YAML's lexical rules to tell a flow
/// collection's brackets from the same characters in comments, quoted and plain scalars.
class FlowScanner {
  public:
    FlowScanner(std::string_view text, int limit) : text_(text), limit_(limit) {}

    std::optional<Position> run() {
        begin_line();
        while (at_ < text_.size()) {
            if (auto too_deep = step())
                return too_deep;
        }
        return std::nullopt;
    }

  private:
    char next() const { return at_ + 1 < text_.size() ? text_[at_ + 1] : '\n'; }
    bool next_ends_token() const { return is_blank(next()) || next() == '\n'; }

    /// At the start of a line: measures its indentation and decides whether a node may start
    /// there. In block context a line indented deeper than the one a plain scalar began on
    /// continues that scalar (`[` and quotes there are text), as YAML folds it.
    void begin_line() {
        line_start_ = at_;
        std::size_t indent = 0;
        while (at_ + indent < text_.size() && text_[at_ + indent] == ' ')
            ++indent;
        const bool continues_plain =
            depth_ == 0 && plain_line_indent_ && indent > *plain_line_indent_;
        if (!continues_plain)
            plain_line_indent_.reset();
        node_may_start_ = !continues_plain;
        line_indent_ = indent;
        const std::string_view rest = text_.substr(at_ + indent);
        if (indent == 0 && (rest.starts_with("---") || rest.starts_with("..."))) {
            at_ += 3;  // a document marker: a node may follow on its line
        }
    }

    std::optional<Position> step() {
        const char c = text_[at_];
        if (c == '\n') {
            ++line_;
            ++at_;
            line_start_ = at_;
            // In a flow collection a plain scalar may go on over the line break.
            if (depth_ == 0)
                begin_line();
            return std::nullopt;
        }
        if (is_blank(c)) {
            ++at_;
            return std::nullopt;
        }
        if (c == '#' && (at_ == 0 || is_blank(text_[at_ - 1]) || text_[at_ - 1] == '\n')) {
            skip_comment();
            plain_line_indent_.reset();  // a comment ends a plain scalar
            return std::nullopt;
        }
        if ((c == '!' || c == '&') && node_may_start_) {
            skip_property();  // a tag or an anchor: the node itself follows
            return std::nullopt;
        }
        const bool after_json_node = json_node_;
        json_node_ = false;
        if ((c == '\'' || c == '"') && node_may_start_) {
            skip_quoted(c);
            json_node_ = true;
            node_may_start_ = false;
            return std::nullopt;
        }
        if ((c == '[' || c == '{') && (depth_ > 0 || node_may_start_)) {
            if (++depth_ > limit_)
                return position();
            ++at_;
            node_may_start_ = true;
            return std::nullopt;
        }
        if ((c == ']' || c == '}') && depth_ > 0) {
            --depth_;
            ++at_;
            json_node_ = true;
            node_may_start_ = false;
            return std::nullopt;
        }
        consume_other(c, after_json_node);
        return std::nullopt;
    }

    /// Indicators that let a node follow (`- `, `? `, `: `, a flow `,`), or plain text.
    void consume_other(char c, bool after_json_node) {
        bool indicator = false;
        if (c == ',') {
            indicator = depth_ > 0;
        } else if (c == ':') {
            indicator =
                next_ends_token() || (depth_ > 0 && (after_json_node || is_flow_indicator(next())));
        } else if (c == '-' || c == '?') {
            indicator = node_may_start_ && next_ends_token();
        }
        if (indicator) {
            node_may_start_ = true;
            plain_line_indent_.reset();
        } else {
            if (node_may_start_ && depth_ == 0)
                plain_line_indent_ = line_indent_;
            node_may_start_ = false;
        }
        ++at_;
    }

    /// Skips a tag or an anchor up to the white space or flow indicator that ends it.
    void skip_property() {
        while (at_ < text_.size() && !is_blank(text_[at_]) && text_[at_] != '\n' &&
               !is_flow_indicator(text_[at_])) {
            ++at_;
        }
    }

    void skip_comment() {
        while (at_ < text_.size() && text_[at_] != '\n')
            ++at_;
    }

    /// Skips a quoted scalar. In block context it is not followed past its line: were the quote
    /// text in YAML's eyes, brackets on the next lines must still be seen.
    void skip_quoted(char quote) {
        ++at_;
        while (at_ < text_.size()) {
            const char c = text_[at_];
            if (c == '\n') {
                if (depth_ == 0)
                    return;
                ++line_;
                line_start_ = at_ + 1;
            } else if (quote == '"' && c == '\\') {
                if (next() == '\n') {
                    if (depth_ == 0) {
                        ++at_;
                        return;
                    }
                    ++line_;
                    line_start_ = at_ + 2;
                }
                ++at_;
            } else if (c == quote) {
                if (quote == '\'' && next() == '\'') {
                    ++at_;
                } else {
                    ++at_;
                    return;
                }
            }
            ++at_;
        }
    }

    Position position() const { return {line_, static_cast<int>(at_ - line_start_) + 1}; }

    std::string_view text_;
    int limit_;
    std::size_t at_ = 0;
    std::size_t line_start_ = 0;
    int line_ = 1;
    int depth_ = 0;
    std::size_t line_indent_ = 0;
    bool node_may_start_ = true;
    bool json_node_ = false;  ///< after a quoted scalar or a flow collection: `:` is an indicator
    std::optional<std::size_t> plain_line_indent_;  ///< indentation of a block plain scalar's line
};

}  // namespace

std::optional<Position> find_too_deep_flow_nesting(std::string_view text, int limit) {
    return FlowScanner(text, limit).run();
}

}  // namespace pmr::manifest
