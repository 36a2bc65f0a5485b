#include "core/mastercf/master_cf.h"

#include <algorithm>

#include "core/maincf/logical_lines.h"

namespace pmr::mastercf {

struct MasterCf::Entries {
    SharedText text;
    std::vector<Entry> entries;
};

struct MasterCf::Data {
    std::shared_ptr<const Entries> parsed;
    std::string path;
    Diagnostics diagnostics;  // each names `path`
};

namespace {

using maincf::LogicalLine;

/// Adds the service a logical line defines to `entries`, or the error that refuses it to
/// `data`'s diagnostics.
void add_service(MasterCf::Entries& entries, MasterCf::Data& data, const LogicalLine& logical) {
    ParsedService parsed = parse_service(logical.content);
    for (std::string& warning : parsed.warnings) {
        data.diagnostics.push_back(
            make_warning(data.path, logical.line, 0, "master.cf: " + std::move(warning)));
    }
    if (!parsed.service) {
        data.diagnostics.push_back(make_error(data.path, logical.line, 0, parsed.error));
        return;
    }
    entries.entries.push_back(Entry{std::move(*parsed.service), logical.line, logical.last_line});
}

}  // namespace

MasterCf::MasterCf() : MasterCf(parse("", "").data_) {}

MasterCf::MasterCf(std::shared_ptr<const Data> data) : data_(std::move(data)) {}

MasterCf MasterCf::parse(SharedText text, std::string path) {
    auto entries = std::make_shared<Entries>();
    entries->text = std::move(text);
    auto data = std::make_shared<Data>();
    data->path = std::move(path);
    Entries& parsed = *entries;
    Data& labelled = *data;
    maincf::for_each_logical_line(parsed.text.str(), labelled.path, labelled.diagnostics,
                                  [&parsed, &labelled](const LogicalLine& logical) {
                                      add_service(parsed, labelled, logical);
                                  });
    data->parsed = std::move(entries);
    return MasterCf(std::move(data));
}

MasterCf MasterCf::read_as(std::string path) const {
    if (path == data_->path)
        return *this;
    auto data = std::make_shared<Data>(*data_);
    for (Diagnostic& d : data->diagnostics)
        d.path = path;
    data->path = std::move(path);
    return MasterCf(std::move(data));
}

const std::string& MasterCf::text() const {
    return data_->parsed->text.str();
}
const SharedText& MasterCf::shared_text() const {
    return data_->parsed->text;
}
const std::string& MasterCf::path() const {
    return data_->path;
}
std::span<const Entry> MasterCf::entries() const {
    return data_->parsed->entries;
}
const Diagnostics& MasterCf::diagnostics() const {
    return data_->diagnostics;
}
bool MasterCf::has_errors() const {
    return pmr::has_errors(data_->diagnostics);
}

const Entry* MasterCf::find(std::string_view name, std::string_view type) const {
    for (const Entry& entry : data_->parsed->entries) {
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
