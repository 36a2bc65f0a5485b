#include "effects/thread_runner.h"

#include <sched.h>

#include <algorithm>
#include <exception>
#include <system_error>
#include <thread>
#include <vector>

#include "effects/bulk_heap.h"

namespace pmr::effects {

namespace {

/// The processors this process may run on: its affinity, which a container or `taskset` may
/// narrow below what the machine has.
std::size_t usable_processors() {
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0)
        return static_cast<std::size_t>(CPU_COUNT(&set));
    return std::thread::hardware_concurrency();
}

}  // namespace

ThreadRunner::ThreadRunner(std::size_t heap_bytes)
    : width_(std::clamp<std::size_t>(usable_processors(), 1, max_width)),
      heap_bytes_per_task_(heap_bytes / width_) {}

void ThreadRunner::run(std::size_t count, const std::function<void(std::size_t)>& task) const {
    if (count == 0)
        return;
    std::vector<std::exception_ptr> failures(count);
    const auto guarded = [&](std::size_t i) {
        try {
            prepare_thread_heap(heap_bytes_per_task_);
            task(i);
        } catch (...) {
            failures[i] = std::current_exception();
        }
    };
    std::vector<std::thread> threads;
    std::vector<std::size_t> left_to_caller{0};
    for (std::size_t i = 1; i < count; ++i) {
        try {
            threads.emplace_back(guarded, i);
        } catch (const std::system_error&) {
            left_to_caller.push_back(i);
        }
    }
    for (const std::size_t i : left_to_caller)
        guarded(i);
    for (std::thread& thread : threads)
        thread.join();
    for (const std::exception_ptr& failure : failures) {
        if (failure)
            std::rethrow_exception(failure);
    }
}

}  // namespace pmr::effects
