// A core file that breaks every rule of the core at once: tests/purity/run_probe.cmake builds it
// with the core's include root and purity check, and passes only if both refuse it.
#include <cstdlib>
#include <string>

#include "effects/edit_file.h"

namespace pmr::core {

int impure_probe() {
    const char* home = std::getenv("HOME");
    return std::system(home == nullptr ? "true" : "false");
}

}  // namespace pmr::core
