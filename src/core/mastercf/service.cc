#include "core/mastercf/service.h"

#include <array>
#include <limits>
#include <utility>

namespace pmr::mastercf {

namespace {

constexpr std::array<std::string_view, 8> field_names = {
    "service", "type", "private", "unprivileged", "chroot", "wakeup", "process_limit", "command"};

constexpr std::array<std::pair<std::string_view, ServiceType>, 5> type_names = {{
    {"inet", ServiceType::inet},
    {"unix", ServiceType::unix_stream},
    {"unix-dgram", ServiceType::unix_dgram},
    {"fifo", ServiceType::fifo},
    {"pass", ServiceType::pass},
}};

/// Postfix's ISSPACE().
bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

bool all_digits(std::string_view text) {
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
    }
    return true;
}

/// The value of a non-empty string of digits, saturated at the largest unsigned long (master(8)
/// would refuse such a number anyway); nullopt for anything else.
std::optional<unsigned long> to_number(std::string_view text) {
    if (text.empty() || !all_digits(text))
        return std::nullopt;
    constexpr unsigned long largest = std::numeric_limits<unsigned long>::max();
    unsigned long value = 0;
    for (char c : text) {
        const auto digit = static_cast<unsigned long>(c - '0');
        if (value > (largest - digit) / 10)
            return largest;
        value = value * 10 + digit;
    }
    return value;
}

std::string_view trim_space(std::string_view text) {
    while (!text.empty() && is_space(text.front()))
        text.remove_prefix(1);
    while (!text.empty() && is_space(text.back()))
        text.remove_suffix(1);
    return text;
}

}  // namespace

namespace {

/// The bytes that end a run of plain word characters: field_blanks and '{'.
constexpr std::array<bool, 256> ends_plain_word = [] {
    std::array<bool, 256> table{};
    for (char c : {' ', '\t', '\r', '\n', '{'})
        table[static_cast<unsigned char>(c)] = true;
    return table;
}();

}  // namespace

std::vector<std::string> split_fields(std::string_view text) {
    std::vector<std::string> words;
    words.reserve(12);  // eight fields and a few arguments: one allocation in most entries
    const char* p = text.data();
    const char* const end = p + text.size();
    while (p < end) {
        while (p < end && is_field_blank(*p))
            ++p;
        if (p == end)
            break;
        const char* const start = p;
        // The common case, a word without braces, in a tight loop over a table.
        while (p < end && !ends_plain_word[static_cast<unsigned char>(*p)])
            ++p;
        for (int level = 0; p < end; ++p) {
            const char c = *p;
            if (c == '{') {
                ++level;
            } else if (level > 0 && c == '}') {
                --level;
            } else if (level == 0 && is_field_blank(c)) {
                break;
            }
        }
        words.emplace_back(start, static_cast<std::size_t>(p - start));
    }
    return words;
}

namespace {

/// Length of the balanced `{...}` group at the start of `word`, or 0 (Postfix's balpar()).
std::size_t balanced_length(std::string_view word) {
    int level = 1;
    for (std::size_t i = 1; i < word.size(); ++i) {
        if (word[i] == '}') {
            if (--level == 0)
                return i + 1;
        } else if (word[i] == '{') {
            ++level;
        }
    }
    return 0;
}

/// Replaces a word starting with `{` by the text inside the braces, ends trimmed (Postfix's
/// extpar() with EXTPAR_FLAG_STRIP). A missing `}` keeps everything after the `{`; text after
/// the closing `}` is dropped. Both are warned about.
void extract_braces(std::string& word, std::vector<std::string>& warnings) {
    const std::size_t length = balanced_length(word);
    std::string_view inner;
    if (length == 0) {
        warnings.push_back("missing '}' in \"" + word + "\"");
        inner = std::string_view(word).substr(1);
    } else {
        if (length != word.size()) {
            warnings.push_back("syntax error after '}' in \"" + word + "\"");
        }
        inner = std::string_view(word).substr(1, length - 2);
    }
    word = std::string(trim_space(inner));
}

}  // namespace

std::string_view field_name(Field field) {
    return field_names[static_cast<std::size_t>(field)];
}

std::optional<Field> field_from_name(std::string_view name) {
    for (std::size_t i = 0; i < field_names.size(); ++i) {
        if (field_names[i] == name)
            return static_cast<Field>(i);
    }
    return std::nullopt;
}

std::string_view type_name(ServiceType type) {
    for (const auto& [name, value] : type_names) {
        if (value == type)
            return name;
    }
    return "unix";
}

std::optional<ServiceType> type_from_name(std::string_view name) {
    for (const auto& [text, value] : type_names) {
        if (text == name)
            return value;
    }
    return std::nullopt;
}

const std::string& Service::field(Field f) const {
    return words[static_cast<std::size_t>(f)];
}

ServiceType Service::type() const {
    return type_from_name(type_text()).value_or(ServiceType::unix_stream);
}

Flag Service::flag(Field f) const {
    const std::string& text = field(f);
    if (text == "y")
        return Flag::yes;
    if (text == "n")
        return Flag::no;
    return Flag::default_;
}

Wakeup Service::wakeup() const {
    std::string_view text = field(Field::wakeup);
    Wakeup result;
    if (!text.empty() && text.back() == '?') {
        result.only_when_used = true;
        text.remove_suffix(1);
    }
    result.seconds = to_number(text);
    return result;
}

std::optional<unsigned long> Service::process_limit() const {
    return to_number(field(Field::process_limit));
}

Expected<NameValue> split_name_value(std::string_view text) {
    std::size_t begin = 0;
    while (begin < text.size() && is_space(text[begin]))
        ++begin;
    if (begin == text.size() || text[begin] == '=')
        return Expected<NameValue>::failure("missing attribute name");
    std::size_t end = begin;
    while (end < text.size() && !is_space(text[end]) && text[end] != '=')
        ++end;
    std::size_t equals = end;
    while (equals < text.size() && is_space(text[equals]))
        ++equals;
    if (equals == text.size() || text[equals] != '=')
        return Expected<NameValue>::failure("missing '=' after attribute name");
    return NameValue{std::string(text.substr(begin, end - begin)),
                     std::string(trim_space(text.substr(equals + 1)))};
}

Status check_fields(const std::vector<std::string>& words, std::string_view raw_text) {
    auto invalid = [&](Field f, const std::string& value) -> Status {
        std::string raw(raw_text);
        for (char& c : raw) {
            if (c == '\n')
                c = ' ';  // postconf prints a multi-line entry on one line
        }
        return Status::failure("invalid " + std::string(field_name(f)) + " field \"" + value +
                               "\" in \"" + raw + "\"");
    };
    if (!type_from_name(words[1]))
        return invalid(Field::type, words[1]);
    for (Field f : {Field::private_, Field::unprivileged, Field::chroot}) {
        const std::string& value = words[static_cast<std::size_t>(f)];
        if (value.size() != 1 || std::string_view("yn-").find(value[0]) == std::string_view::npos) {
            return invalid(f, value);
        }
    }
    std::string_view wakeup = words[5];
    if (!wakeup.empty() && wakeup.back() == '?')
        wakeup.remove_suffix(1);
    if (!(words[5][0] == '-' && wakeup.size() == 1) && !all_digits(wakeup)) {
        return invalid(Field::wakeup, words[5]);
    }
    if (words[6] != "-" && !all_digits(words[6]))
        return invalid(Field::process_limit, words[6]);
    return ok_status();
}

bool takes_value(std::string_view word) {
    return !word.empty() && word[0] == '-' && (word.size() == 1 || word[1] == 'o');
}

void normalise_arguments(std::vector<std::string>& words, std::vector<std::string>& warnings) {
    std::size_t i = 8;
    for (; i < words.size(); ++i) {
        std::string& arg = words[i];
        if (arg.empty() || arg[0] != '-' || arg == "--")
            break;
        // "-vozz" is "-v" followed by "-ozz".
        const std::size_t o = arg.find('o', 2);
        if (o != std::string::npos) {
            std::string rest = "-" + arg.substr(o);
            arg.resize(o);
            words.insert(words.begin() + static_cast<std::ptrdiff_t>(i) + 1, std::move(rest));
        }
        if (!takes_value(words[i]))
            continue;
        bool braced = false;
        if (words[i].size() > 2) {
            // "-oname=value" is "-o" followed by "name=value".
            std::string value = words[i].substr(2);
            words[i].resize(2);
            words.insert(words.begin() + static_cast<std::ptrdiff_t>(i) + 1, std::move(value));
        } else if (i + 1 >= words.size()) {
            continue;
        }
        ++i;
        braced = !words[i].empty() && words[i][0] == '{';
        if (!braced)
            continue;
        extract_braces(words[i], warnings);
        if (words[i - 1].size() >= 2 && words[i - 1][1] == 'o') {
            if (const Expected<NameValue> pair = split_name_value(words[i])) {
                words[i] = pair->name + "=" + pair->value;
            } else {
                warnings.push_back(pair.error() + ": \"" + words[i] + "\"");
            }
        }
    }
    for (; i < words.size(); ++i) {
        if (!words[i].empty() && words[i][0] == '{')
            extract_braces(words[i], warnings);
    }
}

ParsedService parse_service(std::string_view text) {
    ParsedService parsed;
    std::vector<std::string> words = split_fields(text);
    if (words.size() < 8) {
        parsed.error = "bad field count";
        parsed.bad_field_count = true;
        return parsed;
    }
    if (const Status fields = check_fields(words, text); !fields) {
        parsed.error = fields.error();
        return parsed;
    }
    normalise_arguments(words, parsed.warnings);
    parsed.service = Service{std::move(words)};
    return parsed;
}

std::vector<ServiceParameter> parameters_of(const Service& service) {
    std::vector<ServiceParameter> parameters;
    const std::vector<std::string>& words = service.words;
    for (std::size_t i = 8; i < words.size(); ++i) {
        const std::string& arg = words[i];
        if (arg.empty() || arg[0] != '-' || arg == "--")
            break;
        if (!takes_value(arg) || i + 1 >= words.size())
            continue;
        ++i;
        if (arg != "-o")
            continue;
        if (Expected<NameValue> pair = split_name_value(words[i])) {
            parameters.push_back(ServiceParameter{std::move(pair->name), std::move(pair->value)});
        }
    }
    return parameters;
}

}  // namespace pmr::mastercf
