#include "effects/fault_injection.h"

#ifdef PMR_FAULT_INJECTION
#include <csignal>
#include <cstdio>
#include <cstdlib>
#endif

namespace pmr::effects {

#ifdef PMR_FAULT_INJECTION
void fault_point(const char* where) {
    static long reached = 0;
    static const long kill_at = [] {
        const char* value = std::getenv("PMRECONCILE_KILL_AT");
        return value ? std::atol(value) : 0L;
    }();
    static const bool count = std::getenv("PMRECONCILE_COUNT_FAULT_POINTS") != nullptr;
    ++reached;
    if (count)
        std::fprintf(stderr, "fault-point %ld %s\n", reached, where);
    if (reached == kill_at)
        std::raise(SIGKILL);
}
#else
void fault_point(const char*) {}
#endif

}  // namespace pmr::effects
