#include "core/mastercf/master_cf.h"

#include <algorithm>

#include "core/maincf/logical_lines.h"

namespace pmr::mastercf {

struct MasterCf::Data {
    std::string text;
    std::string path;
    std::vector<Entry> entries;
    Diagnostics diagnostics;
};

namespace {

using maincf::LogicalLine;

/// Adds the service a logical line defines to `data`, or the error that refuses it.
void add_service(MasterCf::Data& data, const LogicalLine& logical) {
    ParsedService parsed = parse_service(logical.content);
    for (std::string& warning : parsed.warnings) {
        data.diagnostics.push_back(
            make_warning(data.path, logical.line, 0, "master.cf: " + std::move(warning)));
    }
    if (!parsed.service) {
        data.diagnostics.push_back(make_error(data.path, logical.line, 0, parsed.error));
        return;
    }
    data.entries.push_back(Entry{std::move(*parsed.service), logical.line, logical.last_line});
}

}  // namespace

MasterCf::MasterCf() : MasterCf(parse("", "").data_) {}

MasterCf::MasterCf(std::shared_ptr<const Data> data) : data_(std::move(data)) {}

MasterCf MasterCf::parse(std::string text, std::string path) {
    auto data = std::make_shared<Data>();
    data->text = std::move(text);
    data->path = std::move(path);
    MasterCf::Data& parsed = *data;
    maincf::for_each_logical_line(
        parsed.text, parsed.path, parsed.diagnostics,
        [&parsed](const LogicalLine& logical) { add_service(parsed, logical); });
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
