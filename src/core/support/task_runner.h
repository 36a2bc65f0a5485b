#pragma once

#include <cstddef>
#include <functional>

namespace pmr {

/// Runs independent tasks, one after another or at once on several threads: which is the
/// caller's choice. The core is pure and starts no thread; work that may be shared out (the
/// parse of a large manifest) takes a TaskRunner, and the command line passes one that uses
/// threads (effects/thread_runner.h).
class TaskRunner {
  public:
    virtual ~TaskRunner() = default;

    /// How many tasks this runner runs at once: at least 1.
    [[nodiscard]] virtual std::size_t width() const = 0;

    /// Runs task(0) ... task(count - 1), each exactly once, in any order and possibly at once,
    /// and returns when all have returned. The tasks must not share what they write.
    virtual void run(std::size_t count, const std::function<void(std::size_t)>& task) const = 0;
};

/// Runs tasks one after another on the calling thread.
class SequentialRunner final : public TaskRunner {
  public:
    [[nodiscard]] std::size_t width() const override { return 1; }
    void run(std::size_t count, const std::function<void(std::size_t)>& task) const override {
        for (std::size_t i = 0; i < count; ++i)
            task(i);
    }
};

}  // namespace pmr
