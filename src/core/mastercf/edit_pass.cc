// apply_edits(): one pass over master.cf with the semantics of postconf's pcf_edit_master().
#include <algorithm>
#include <optional>

#include "core/mastercf/editor.h"
#include "core/mastercf/views.h"

namespace pmr::mastercf {

namespace {

bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

/// Where the content of a physical line starts, or npos for a comment, blank or empty line
/// (postconf's editor passes those through untouched).
std::size_t content_start(std::string_view line) {
    std::size_t i = 0;
    while (i < line.size() && is_space(line[i]))
        ++i;
    if (i == line.size() || line[i] == '#')
        return std::string_view::npos;
    return i;
}

/// The service name and type at the start of an entry's first line, split at blanks only (as
/// postconf's editor splits them: braces do not group here).
std::vector<std::string> first_two_words(std::string_view line) {
    std::vector<std::string> words;
    std::size_t i = 0;
    while (words.size() < 2) {
        i = line.find_first_not_of(field_blanks, i);
        if (i == std::string_view::npos)
            break;
        const std::size_t end = std::min(line.find_first_of(field_blanks, i), line.size());
        words.emplace_back(line.substr(i, end - i));
        i = end;
    }
    return words;
}

/// A fatal condition: postconf gives up and leaves master.cf alone.
struct Fatal {
    std::string message;
};

struct Request {
    const Edit* edit;
    int match_count = 0;
    std::optional<Service> definition;  // SetService: the parsed new entry
};

/// Applies one SetParameter or RemoveParameter to an entry (postconf's pcf_edit_master_param).
void edit_parameter(Service& service, const std::string& name, const std::string* value) {
    std::vector<std::string>& words = service.words;
    bool found = false;
    std::size_t i = 8;
    while (i < words.size()) {
        const std::string& arg = words[i];
        if (arg.empty() || arg[0] != '-' || arg == "--")
            break;
        if (!takes_value(arg) || i + 1 >= words.size()) {
            ++i;
            continue;
        }
        const std::string& current = words[i + 1];
        if (arg == "-o" && current.size() > name.size() &&
            current.compare(0, name.size(), name) == 0 && current[name.size()] == '=') {
            found = true;
            if (value == nullptr) {
                words.erase(words.begin() + static_cast<std::ptrdiff_t>(i),
                            words.begin() + static_cast<std::ptrdiff_t>(i) + 2);
                continue;
            }
            words[i + 1] = name + "=" + *value;
        }
        i += 2;
    }
    if (value != nullptr && !found) {
        const auto at = words.begin() + static_cast<std::ptrdiff_t>(i);
        words.insert(at, {"-o", name + "=" + *value});
    }
}

class EditPass {
  public:
    EditPass(const MasterCf& master_cf, std::span<const Edit> edits)
        : input_(master_cf.text()), path_(master_cf.path()), mode_(mode_of(edits.front())) {
        for (const Edit& edit : edits)
            requests_.push_back(Request{&edit, 0, std::nullopt});
    }

    EditOutcome run() {
        EditOutcome outcome;
        try {
            parse_definitions();
            copy_lines();
            finish();
            outcome.text = std::move(out_);
            outcome.newline_added_at = newline_added_at_;
        } catch (const Fatal& fatal) {
            outcome.errors.push_back(make_error(path_, 0, 0, fatal.message));
            outcome.text = input_;
        }
        outcome.warnings = std::move(warnings_);
        outcome.changed = outcome.text != input_;
        return outcome;
    }

  private:
    bool next_line(std::string_view& line) {
        if (pos_ >= input_.size())
            return false;
        const std::size_t end = input_.find('\n', pos_);
        const std::size_t length = end == std::string::npos ? input_.size() - pos_ : end + 1 - pos_;
        line = std::string_view(input_).substr(pos_, length);
        pos_ += length;
        return true;
    }

    void parse_definitions() {
        for (Request& request : requests_) {
            const auto* set = std::get_if<SetService>(request.edit);
            if (set == nullptr)
                continue;
            ParsedService parsed = parse_service(set->definition);
            if (!parsed.service) {
                throw Fatal{parsed.bad_field_count
                                ? "bad field count: \"" + request_text(*request.edit) + "\""
                                : parsed.error};
            }
            definition_warnings_.insert(definition_warnings_.end(), parsed.warnings.begin(),
                                        parsed.warnings.end());
            request.definition = std::move(parsed.service);
        }
    }

    void copy_lines() {
        std::string_view line;
        bool matched = false;
        while (next_line(line)) {
            ++line_number_;
            const std::size_t start = content_start(line);
            if (start == std::string_view::npos) {
                out_.append(line);
            } else if (start > 0) {
                if (!matched) {
                    out_.append(line);
                } else if (mode_ == EditMode::comment_out_service) {
                    out_.append("#").append(line);
                }
            } else {
                matched = edit_head(line);
            }
        }
    }

    /// Handles the first line of an entry; returns whether any request matched it.
    bool edit_head(std::string_view line) {
        const std::vector<std::string> words = first_two_words(line);
        if (words.size() < 2)
            fail_at("specify service name and type on the same line");
        if (words[0].find('=') != std::string::npos) {
            fail_at("service name syntax \"" + words[0] +
                    "\" is unsupported with -Me, -Fe, -Pe, "
                    "-X, or -#");
        }
        if (words[1].find_first_of("=/") != std::string::npos) {
            fail_at("service type syntax \"" + words[1] +
                    "\" is unsupported with -Me, -Fe, -Pe, "
                    "-X, or -#");
        }
        bool matched = false;
        std::optional<Service> replacement;
        for (Request& request : requests_) {
            if (pattern_of(*request.edit).matches(words[0], words[1])) {
                matched = true;
                ++request.match_count;
                if (mode_ == EditMode::set_service) {
                    if (request.match_count == 1)
                        replacement = request.definition;
                } else if (mode_ != EditMode::remove_service &&
                           mode_ != EditMode::comment_out_service) {
                    if (!replacement)
                        replacement = read_whole_entry(line);
                    edit_entry(*replacement, *request.edit);
                }
            } else if (request.definition &&
                       ServicePattern{request.definition->name(), request.definition->type_text()}
                           .matches(words[0], words[1])) {
                // The new definition's own name and type replace an entry too.
                matched = true;
                if (++request.match_count == 1)
                    replacement = request.definition;
            }
        }
        if (replacement) {
            out_ += format_entry(*replacement, Folding::fold);
        } else if (!matched) {
            out_.append(line);
        } else if (mode_ == EditMode::comment_out_service) {
            out_.append("#").append(line);
        }
        return matched;
    }

    /// Reads the continuation lines of the entry starting with `head` (postconf's
    /// pcf_gobble_cf_line()): comment and blank lines met on the way go to the output at once,
    /// that is before the rewritten entry. postconf does not count these lines (line numbers in
    /// later messages are smaller by as many).
    Service read_whole_entry(std::string_view head) {
        std::string text(head);
        while (pos_ < input_.size() && (input_[pos_] == '#' || is_space(input_[pos_]))) {
            std::string_view line;
            next_line(line);
            if (content_start(line) == std::string_view::npos) {
                out_.append(line);
            } else {
                text.append(line);
            }
        }
        ParsedService parsed = parse_service(text);
        add_warnings(parsed.warnings);
        if (!parsed.service) {
            if (parsed.bad_field_count)
                fail_at("bad field count");
            throw Fatal{parsed.error};
        }
        return std::move(*parsed.service);
    }

    void edit_entry(Service& service, const Edit& edit) {
        if (const auto* set = std::get_if<SetParameter>(&edit)) {
            edit_parameter(service, set->name, &set->value);
        } else if (const auto* remove = std::get_if<RemoveParameter>(&edit)) {
            edit_parameter(service, remove->name, nullptr);
        } else if (const auto* field = std::get_if<SetField>(&edit)) {
            set_field(service, *field);
        }
    }

    void set_field(Service& service, const SetField& edit) {
        std::vector<std::string>& words = service.words;
        if (edit.field == Field::command) {
            words.resize(7);
            for (std::string& word : split_fields(edit.value))
                words.push_back(std::move(word));
            std::vector<std::string> warnings;
            normalise_arguments(words, warnings);
            add_warnings(warnings);
        } else {
            words[static_cast<std::size_t>(edit.field)] = edit.value;
        }
        if (Status fields = check_fields(words, edit.value); !fields)
            throw Fatal{fields.error()};
    }

    void finish() {
        for (const Request& request : requests_) {
            if (request.match_count > 0)
                continue;
            if (request.definition) {
                if (!out_.empty() && out_.back() != '\n') {
                    newline_added_at_ = out_.size();
                    out_ += '\n';
                }
                out_ += format_entry(*request.definition, Folding::fold);
            } else if (mode_ != EditMode::remove_service &&
                       mode_ != EditMode::comment_out_service) {
                warnings_.push_back(make_warning(
                    path_, 0, 0,
                    "unmatched service_name/type: \"" + request_text(*request.edit) + "\""));
            }
        }
        add_warnings(definition_warnings_);
    }

    static const ServicePattern& pattern_of(const Edit& edit) {
        return std::visit([](const auto& e) -> const ServicePattern& { return e.pattern; }, edit);
    }

    void add_warnings(const std::vector<std::string>& warnings) {
        for (const std::string& w : warnings) {
            warnings_.push_back(make_warning(path_, 0, 0, "master.cf: " + w));
        }
    }

    [[noreturn]] void fail_at(const std::string& what) const {
        throw Fatal{"file " + path_ + ": line " + std::to_string(line_number_) + ": " + what};
    }

    const std::string& input_;
    const std::string& path_;
    EditMode mode_;
    std::vector<Request> requests_;
    std::vector<std::string> definition_warnings_;
    Diagnostics warnings_;
    std::string out_;
    std::size_t pos_ = 0;
    int line_number_ = 0;
    std::optional<std::size_t> newline_added_at_;
};

}  // namespace

EditOutcome apply_edits(const MasterCf& master_cf, std::span<const Edit> edits) {
    if (edits.empty())
        return EditOutcome{master_cf.text(), {}, {}, false, std::nullopt};
    return EditPass(master_cf, edits).run();
}

}  // namespace pmr::mastercf
