#include "core/maincf/main_cf.h"

#include <algorithm>
#include <forward_list>
#include <vector>

#include "core/maincf/line_scanner.h"
#include "core/maincf/logical_lines.h"

namespace pmr::maincf {

struct MainCf::Data {
    std::shared_ptr<const std::string> text;
    std::string path;
    // Storage for continued logical lines: stable addresses, and no allocation when there are none.
    std::forward_list<std::string> joined_values;
    std::vector<Definition> definitions;
    std::vector<const Definition*> effective;  // sorted by name
    Diagnostics diagnostics;
};

namespace {

class Parser {
  public:
    explicit Parser(MainCf::Data& data) : data_(data) {}

    void run() {
        for_each_logical_line(
            *data_.text, data_.path, data_.diagnostics, [this](const LogicalLine& logical) {
                current_ = logical;
                // Definitions view their text: a joined line must outlive
                // the reader's buffer.
                if (logical.continued) {
                    current_.content = data_.joined_values.emplace_front(logical.content);
                }
                split(current_.content);
            });
    }

  private:
    /// Splits `name = value` as Postfix's split_nameval() does.
    void split(std::string_view content) {
        auto skip_space = [&](std::size_t i) {
            while (i < content.size() && is_postfix_space(content[i]))
                ++i;
            return i;
        };
        const std::size_t name_begin = skip_space(0);
        if (name_begin == content.size() || content[name_begin] == '=') {
            report("missing attribute name", content);
            return;
        }
        std::size_t name_end = name_begin;
        while (name_end < content.size() && !is_postfix_space(content[name_end]) &&
               content[name_end] != '=') {
            ++name_end;
        }
        std::size_t equals = skip_space(name_end);
        if (equals == content.size() || content[equals] != '=') {
            report("missing '=' after attribute name", content);
            return;
        }
        const std::size_t value_begin = skip_space(equals + 1);
        std::size_t value_end = content.size();
        while (value_end > value_begin && is_postfix_space(content[value_end - 1]))
            --value_end;
        data_.definitions.push_back(Definition{content.substr(name_begin, name_end - name_begin),
                                               content.substr(value_begin, value_end - value_begin),
                                               current_.line, current_.last_line});
    }

    void report(std::string_view what, std::string_view content) {
        data_.diagnostics.push_back(
            make_error(data_.path, current_.line, 0,
                       std::string(what) + ": \"" + std::string(content) + "\""));
    }

    MainCf::Data& data_;
    LogicalLine current_;
};

/// Picks the winning definition of each name and warns where a later one changes the value.
void resolve_effective(MainCf::Data& data) {
    std::vector<const Definition*> by_name;
    by_name.reserve(data.definitions.size());
    for (const Definition& d : data.definitions)
        by_name.push_back(&d);
    // Within one name the definitions stay in file order, which is their order in memory.
    std::ranges::sort(by_name, [](const Definition* a, const Definition* b) {
        const int c = a->name.compare(b->name);
        return c != 0 ? c < 0 : a < b;
    });

    bool warned = false;
    for (std::size_t i = 0; i < by_name.size(); ++i) {
        const bool last_of_name =
            i + 1 == by_name.size() || by_name[i + 1]->name != by_name[i]->name;
        if (i > 0 && by_name[i - 1]->name == by_name[i]->name &&
            by_name[i - 1]->value != by_name[i]->value) {
            const Definition& earlier = *by_name[i - 1];
            data.diagnostics.push_back(
                make_warning(data.path, by_name[i]->line, 0,
                             "overriding earlier entry: " + std::string(earlier.name) + "=" +
                                 std::string(earlier.value) + " (defined at line " +
                                 std::to_string(earlier.line) + ")"));
            warned = true;
        }
        if (last_of_name)
            data.effective.push_back(by_name[i]);
    }
    if (warned) {
        std::ranges::stable_sort(data.diagnostics, {}, &Diagnostic::line);
    }
}

}  // namespace

MainCf::MainCf() : MainCf(parse("", "").data_) {}

MainCf::MainCf(std::shared_ptr<const Data> data) : data_(std::move(data)) {}

MainCf MainCf::parse(std::string text, std::string path) {
    return parse(std::make_shared<const std::string>(std::move(text)), std::move(path));
}

MainCf MainCf::parse(std::shared_ptr<const std::string> text, std::string path) {
    auto data = std::make_shared<Data>();
    data->text = std::move(text);
    data->path = std::move(path);
    Parser(*data).run();
    resolve_effective(*data);
    return MainCf(std::move(data));
}

const std::string& MainCf::text() const {
    return *data_->text;
}
const std::string& MainCf::path() const {
    return data_->path;
}
std::span<const Definition> MainCf::definitions() const {
    return data_->definitions;
}
const Diagnostics& MainCf::diagnostics() const {
    return data_->diagnostics;
}
bool MainCf::has_errors() const {
    return pmr::has_errors(data_->diagnostics);
}
std::span<const Definition* const> MainCf::effective() const {
    return data_->effective;
}

const Definition* MainCf::find(std::string_view name) const {
    const auto& effective = data_->effective;
    // Looked up for every reference while expanding: compare the first byte inline before
    // calling memcmp.
    const auto before = [](const Definition* d, std::string_view n) {
        if (!d->name.empty() && !n.empty() && d->name.front() != n.front()) {
            return static_cast<unsigned char>(d->name.front()) <
                   static_cast<unsigned char>(n.front());
        }
        return d->name < n;
    };
    auto it = std::lower_bound(effective.begin(), effective.end(), name, before);
    return it != effective.end() && (*it)->name == name ? *it : nullptr;
}

std::optional<std::string_view> MainCf::get(std::string_view name) const {
    const Definition* definition = find(name);
    if (definition == nullptr)
        return std::nullopt;
    return definition->value;
}

}  // namespace pmr::maincf
