#pragma once

#include <cstddef>
#include <functional>

#include "core/support/task_runner.h"

namespace pmr::effects {

/// Runs tasks at once, one thread each, as many at once as this process may use processors
/// (its CPU affinity), at most max_width. The calling thread runs one of them itself. A
/// thread that cannot be started (the process is at its limit) leaves its task to the calling
/// thread: slower, never an error.
class ThreadRunner final : public TaskRunner {
  public:
    static constexpr std::size_t max_width = 8;

    /// The tasks of one run() build about `heap_bytes` in all: each thread readies its heap for
    /// its share (prepare_thread_heap) before its task. 0 for tasks that build little.
    explicit ThreadRunner(std::size_t heap_bytes = 0);

    [[nodiscard]] std::size_t width() const override { return width_; }
    /// Rethrows, once every task has returned, the first exception a task threw.
    void run(std::size_t count, const std::function<void(std::size_t)>& task) const override;

  private:
    std::size_t width_;
    std::size_t heap_bytes_per_task_;
};

}  // namespace pmr::effects
