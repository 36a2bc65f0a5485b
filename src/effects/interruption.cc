#include "effects/interruption.h"

#include <csignal>
#include <iterator>

namespace pmr::effects {

namespace {

constexpr int guarded[] = {SIGINT, SIGTERM, SIGHUP};

volatile std::sig_atomic_t received = 0;
struct sigaction previous[sizeof guarded / sizeof guarded[0]];

extern "C" void record_signal(int signal) {
    if (received == 0)
        received = signal;
}

}  // namespace

InterruptionGuard::InterruptionGuard() {
    // `received` is not reset: a signal recorded under an enclosing guard still counts.
    struct sigaction action {};
    action.sa_handler = record_signal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;  // a step's system calls carry on; the loop looks between steps
    for (std::size_t i = 0; i < std::size(guarded); ++i)
        ::sigaction(guarded[i], &action, &previous[i]);
}

InterruptionGuard::~InterruptionGuard() {
    for (std::size_t i = 0; i < std::size(guarded); ++i)
        ::sigaction(guarded[i], &previous[i], nullptr);
}

std::optional<int> InterruptionGuard::pending_signal() const {
    const int signal = received;
    if (signal == 0)
        return std::nullopt;
    return signal;
}

int exit_status_for_signal(int signal) {
    return 128 + signal;
}

const char* signal_name(int signal) {
    switch (signal) {
        case SIGINT:
            return "SIGINT";
        case SIGTERM:
            return "SIGTERM";
        case SIGHUP:
            return "SIGHUP";
        default:
            return "a signal";
    }
}

}  // namespace pmr::effects
