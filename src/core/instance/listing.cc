#include "core/instance/listing.h"

#include "core/support/json_writer.h"

namespace pmr::instance {

namespace {

/// `%-Ns`: left-aligned in `width` columns, never truncated.
void append_padded(std::string& out, std::string_view text, std::size_t width) {
    out.append(text);
    if (text.size() < width)
        out.append(width - text.size(), ' ');
}

std::optional<std::string> or_null(const std::string& text) {
    return text.empty() ? std::nullopt : std::optional<std::string>(text);
}

}  // namespace

std::string list_line(const Instance& instance) {
    std::string line;
    append_padded(line, instance.name.empty() ? "-" : instance.name, 15);
    line.push_back(' ');
    append_padded(line, instance.group.empty() ? "-" : instance.group, 15);
    line.push_back(' ');
    append_padded(line, instance.enabled ? "y" : "n", 9);
    line.push_back(' ');
    line.append(instance.config_directory);
    line.push_back('\n');
    return line;
}

std::string list_json(std::span<const Instance* const> instances) {
    JsonWriter json;
    json.begin_object().key("format_version").value("2.0").key("instances").begin_array();
    for (const Instance* instance : instances) {
        json.begin_object()
            .key("name")
            .value(or_null(instance->name))
            .key("group")
            .value(or_null(instance->group))
            .key("enable")
            .value(instance->enabled)
            .key("primary")
            .value(instance->primary)
            .key("config_directory")
            .value(instance->config_directory)
            .key("queue_directory")
            .value(instance->queue_directory)
            .key("data_directory")
            .value(instance->data_directory)
            .end_object();
    }
    json.end_array().end_object();
    return json.str() + "\n";
}

}  // namespace pmr::instance
