#include "effects/thread_runner.h"

#include <gtest/gtest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

namespace pmr::effects {
namespace {

TEST(ThreadRunnerTest, RunsEveryTaskExactlyOnce) {
    const ThreadRunner runner;
    EXPECT_GE(runner.width(), 1U);
    EXPECT_LE(runner.width(), ThreadRunner::max_width);
    for (const std::size_t count : {0U, 1U, 2U, 9U}) {
        std::vector<std::atomic<int>> runs(count);
        runner.run(count, [&](std::size_t i) { ++runs[i]; });
        for (std::size_t i = 0; i < count; ++i)
            EXPECT_EQ(runs[i].load(), 1) << "task " << i << " of " << count;
    }
}

TEST(ThreadRunnerTest, AFailureIsRethrownOnceEveryTaskHasReturned) {
    const ThreadRunner runner;
    std::atomic<int> finished = 0;
    EXPECT_THROW(runner.run(4,
                            [&](std::size_t i) {
                                if (i == 2)
                                    throw std::runtime_error("task 2 failed");
                                ++finished;
                            }),
                 std::runtime_error);
    EXPECT_EQ(finished.load(), 3);
}

}  // namespace
}  // namespace pmr::effects
