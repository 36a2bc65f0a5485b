#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "scratch_directory.h"

namespace pmr::bench {

/// The instance directories of one benchmark: `instances` subdirectories `postfix-NNNN` of a
/// scratch directory, each with the file under measurement and an empty sibling (main.cf beside
/// master.cf or the other way round), both dated in the past: Postfix rereads a file modified
/// within the last second until it "cools down", which would penalise postconf.
struct Fixture {
    std::vector<std::string> dirs;
    std::size_t total_bytes = 0;  ///< of the files under measurement
};

/// Writes the fixture into `root`: `file` holds text_for(index), `sibling` is empty.
[[nodiscard]] Fixture make_fixture(const test_support::ScratchDirectory& root, int instances,
                                   const std::string& file, const std::string& sibling,
                                   const std::function<std::string(int)>& text_for);

/// What pmreconcile's engine took: read and resolve every file (after one untimed pass that warms
/// the page cache), median of 9 passes; then the same split into reading alone and resolving
/// texts already in memory.
struct EngineTimes {
    std::vector<double> runs_ms;  ///< wall clock of each pass
    double median_ms = 0;         ///< of runs_ms
    double cpu_median_ms = 0;     ///< CPU time (user + system) of each pass, median
    double read_median_ms = 0;    ///< reading the files alone
    double memory_median_ms = 0;  ///< resolving texts already read
    std::size_t checksum = 0;     ///< of every pass, so that nothing is optimised away
};

/// Resolves every directory's file from disk; returns a checksum.
using ResolveFiles = std::function<std::size_t(const std::vector<std::string>& dirs)>;
/// Resolves texts already read (texts[i] is dirs[i]'s file); returns a checksum.
using ResolveTexts = std::function<std::size_t(const std::vector<std::string>& dirs,
                                               const std::vector<std::string>& texts)>;

/// Times resolve_files and resolve_texts on the fixture's `file` (see EngineTimes).
[[nodiscard]] EngineTimes time_engine(const Fixture& fixture, const std::string& file,
                                      const ResolveFiles& resolve_files,
                                      const ResolveTexts& resolve_texts);

/// What forking postconf once per file took, measured on a sample and extrapolated.
struct PostconfTimes {
    int sample = 0;              ///< files run
    int failed = 0;              ///< runs that did not succeed
    double sample_ms = 0;        ///< wall clock of the whole sample
    double per_fork_ms = 0;      ///< sample_ms / sample
    std::size_t instances = 0;   ///< in the fixture
    double extrapolated_ms = 0;  ///< per_fork_ms times every instance
};

/// Runs `postconf -c DIR OPTION` (after one untimed warm-up run) on the first `sample`
/// directories, one after the other.
[[nodiscard]] PostconfTimes time_postconf(const Fixture& fixture, int sample,
                                          const std::string& option);

/// Prints the postconf sample, its extrapolation to every instance and the ratio to the engine's
/// median (`REMARK` after it), then the lines `BENCH ITEM_engine_ms`, `ITEM_postconf_ms` and
/// `ITEM_ratio` that tests/bench/run-benchmarks collects.
void print_postconf(const std::string& item, const std::string& option, const std::string& remark,
                    const EngineTimes& engine, const PostconfTimes& postconf);

/// The median of `values` (the upper one of an even count).
[[nodiscard]] double median(std::vector<double> values);

}  // namespace pmr::bench
