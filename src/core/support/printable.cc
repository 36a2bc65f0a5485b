#include "core/support/printable.h"

#include <cstddef>

namespace pmr {

namespace {

void append_escaped(std::string& out, unsigned char byte) {
    static constexpr char hex[] = "0123456789abcdef";
    out += "\\x";
    out += hex[byte >> 4];
    out += hex[byte & 0xf];
}

/// The length of the valid UTF-8 sequence of a printable code point at `text[at]`, or 0 when
/// the bytes there are no such sequence (malformed, overlong, a surrogate, or a C1 control).
std::size_t printable_sequence(std::string_view text, std::size_t at) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[at + i]); };
    const unsigned char lead = byte(0);
    std::size_t length = 0;
    char32_t code = 0;
    if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2, code = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3, code = lead & 0x0f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4, code = lead & 0x07;
    } else {
        return 0;
    }
    if (at + length > text.size())
        return 0;
    for (std::size_t i = 1; i < length; ++i) {
        if ((byte(i) & 0xc0) != 0x80)
            return 0;
        code = (code << 6) | (byte(i) & 0x3f);
    }
    const bool overlong = (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
    const bool invalid = overlong || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff);
    const bool c1_control = code >= 0x80 && code <= 0x9f;
    return invalid || c1_control ? 0 : length;
}

}  // namespace

std::string printable(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        const auto byte = static_cast<unsigned char>(text[at]);
        if (byte == '\\') {
            out += "\\\\";
            ++at;
        } else if (byte >= 0x20 && byte < 0x7f) {
            out += static_cast<char>(byte);
            ++at;
        } else if (const std::size_t length = byte >= 0x80 ? printable_sequence(text, at) : 0) {
            out.append(text.substr(at, length));
            at += length;
        } else {
            append_escaped(out, byte);
            ++at;
        }
    }
    return out;
}

}  // namespace pmr
