#include "core/mastercf/master_cf.h"

#include <algorithm>

#include "core/maincf/line_scanner.h"

namespace pmr::mastercf {

struct MasterCf::Data {
    std::string text;
    std::string path;
    std::vector<Entry> entries;
    Diagnostics diagnostics;
};

namespace {

using maincf::classify_line;
using maincf::LineCursor;
using maincf::LineKind;
using maincf::without_newline;

class Parser {
  public:
    explicit Parser(MasterCf::Data& data) : data_(data) {}

    void run() {
        LineCursor cursor(data_.text);
        std::string_view line;
        const bool has_nul = data_.text.find('\0') != std::string::npos;
        while (cursor.next(line)) {
            const int number = cursor.line_number();
            if (has_nul && line.find('\0') != std::string_view::npos) {
                data_.diagnostics.push_back(
                    make_error(data_.path, number, 0, "NUL byte in configuration line"));
            }
            switch (classify_line(line)) {
                case LineKind::ignored:
                    break;
                case LineKind::head:
                    finish();
                    begin(line, number, false);
                    break;
                case LineKind::continuation:
                    if (open_) {
                        logical_.append(without_newline(line));
                        last_line_ = number;
                    } else {
                        begin(line, number, true);
                    }
                    break;
            }
        }
        finish();
    }

  private:
    void begin(std::string_view line, int number, bool starts_with_space) {
        open_ = true;
        starts_with_space_ = starts_with_space;
        line_ = last_line_ = number;
        logical_.assign(without_newline(line));
    }

    void finish() {
        if (!open_)
            return;
        open_ = false;
        if (starts_with_space_) {
            data_.diagnostics.push_back(
                make_warning(data_.path, line_, 0,
                             "logical line must not start with whitespace: \"" +
                                 maincf::postfix_excerpt(logical_) + "\""));
            return;
        }
        ParsedService parsed = parse_service(logical_);
        for (std::string& warning : parsed.warnings) {
            data_.diagnostics.push_back(
                make_warning(data_.path, line_, 0, "master.cf: " + std::move(warning)));
        }
        if (!parsed.service) {
            data_.diagnostics.push_back(make_error(data_.path, line_, 0, parsed.error));
            return;
        }
        data_.entries.push_back(Entry{std::move(*parsed.service), line_, last_line_});
    }

    MasterCf::Data& data_;
    bool open_ = false;
    bool starts_with_space_ = false;
    int line_ = 0;
    int last_line_ = 0;
    std::string logical_;
};

}  // namespace

MasterCf::MasterCf() : MasterCf(parse("", "").data_) {}

MasterCf::MasterCf(std::shared_ptr<const Data> data) : data_(std::move(data)) {}

MasterCf MasterCf::parse(std::string text, std::string path) {
    auto data = std::make_shared<Data>();
    data->text = std::move(text);
    data->path = std::move(path);
    Parser(*data).run();
    return MasterCf(std::move(data));
}

const std::string& MasterCf::text() const {
    return data_->text;
}
const std::string& MasterCf::path() const {
    return data_->path;
}
std::span<const Entry> MasterCf::entries() const {
    return data_->entries;
}
const Diagnostics& MasterCf::diagnostics() const {
    return data_->diagnostics;
}
bool MasterCf::has_errors() const {
    return pmr::has_errors(data_->diagnostics);
}

const Entry* MasterCf::find(std::string_view name, std::string_view type) const {
    for (const Entry& entry : data_->entries) {
        if (entry.service.name() == name && entry.service.type_text() == type)
            return &entry;
    }
    return nullptr;
}

std::string postconf_wording(const Diagnostic& error) {
    if (error.message == "bad field count") {
        return "file " + error.path + ": line " + std::to_string(error.line) + ": bad field count";
    }
    return error.message;
}

}  // namespace pmr::mastercf
