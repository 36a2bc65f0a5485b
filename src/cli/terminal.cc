#include "cli/terminal.h"

#include <unistd.h>

#include <cstdlib>
#include <iostream>

namespace pmr::cli {

bool use_color(bool no_color_option) {
    const char* no_color = std::getenv("NO_COLOR");
    return !no_color_option && (no_color == nullptr || *no_color == '\0') && ::isatty(1) == 1;
}

bool stdin_is_terminal() {
    return ::isatty(0) == 1;
}

bool confirm(const std::string& question) {
    std::cout << question << " Only 'yes' will be accepted: " << std::flush;
    std::string answer;
    if (!std::getline(std::cin, answer))
        return false;
    return answer == "yes";
}

}  // namespace pmr::cli
