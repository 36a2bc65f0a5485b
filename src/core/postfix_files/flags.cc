#include "core/postfix_files/flags.h"

namespace pmr::postfix_files {

namespace {

constexpr std::string_view known_letters = "pucro1i";

}  // namespace

Flags parse_flags(std::string_view text) {
    Flags flags;
    for (char c : text) {
        switch (c) {
            case 'p':
                flags.preserve = true;
                break;
            case 'u':
                flags.update = true;
                break;
            case 'c':
                flags.create = true;
                break;
            case 'r':
                flags.recursive = true;
                break;
            case 'o':
                flags.obsolete = true;
                break;
            case '1':
            case 'i':
                flags.optional = true;
                break;
            default:
                break;
        }
    }
    return flags;
}

std::string unknown_flag_letters(std::string_view text) {
    std::string unknown;
    for (char c : text) {
        if (known_letters.find(c) == std::string_view::npos &&
            unknown.find(c) == std::string::npos) {
            unknown += c;
        }
    }
    return unknown;
}

}  // namespace pmr::postfix_files
