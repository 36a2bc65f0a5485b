#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pmr {

/// Builds compact JSON text. Commas are placed automatically; the caller balances begin/end.
///
///     JsonWriter json;
///     json.begin_object().key("format_version").value("1.0").end_object();
///     json.str();  // {"format_version":"1.0"}
class JsonWriter {
  public:
    JsonWriter& begin_object();
    JsonWriter& end_object();
    JsonWriter& begin_array();
    JsonWriter& end_array();
    /// The key of the next member of the current object.
    JsonWriter& key(std::string_view name);
    JsonWriter& value(std::string_view text);
    JsonWriter& value(const char* text) { return value(std::string_view(text)); }
    JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
    JsonWriter& value(bool flag);
    JsonWriter& value(std::int64_t number);
    JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
    JsonWriter& value(std::size_t number) { return value(static_cast<std::int64_t>(number)); }
    /// A string, or null when absent.
    JsonWriter& value(const std::optional<std::string>& text);
    JsonWriter& null();

    /// The text built so far.
    [[nodiscard]] const std::string& str() const { return out_; }

  private:
    void separate();
    std::string out_;
    std::vector<bool> has_members_;  // one entry per open object or array
    bool after_key_ = false;
};

/// `text` as a JSON string literal, quotes included.
[[nodiscard]] std::string json_quote(std::string_view text);

}  // namespace pmr
