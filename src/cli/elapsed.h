#pragma once

#include <chrono>

namespace pmr::cli {

/// The milliseconds since `started`, for -vv's timings.
[[nodiscard]] inline long long milliseconds_since(std::chrono::steady_clock::time_point started) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 started)
        .count();
}

}  // namespace pmr::cli
