#include "engine_bench.h"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "effects/read_file.h"
#include "postconf_process.h"

namespace pmr::bench {

namespace {

using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

/// CPU time (user + system) this process has used, in ms.
double cpu_ms() {
    struct rusage usage {};
    ::getrusage(RUSAGE_SELF, &usage);
    const auto ms = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_usec) / 1000.0;
    };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

}  // namespace

double median(std::vector<double> values) {
    std::ranges::sort(values);
    return values[values.size() / 2];
}

Fixture make_fixture(const test_support::ScratchDirectory& root, int instances,
                     const std::string& file, const std::string& sibling,
                     const std::function<std::string(int)>& text_for) {
    Fixture fixture;
    for (int i = 0; i < instances; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "postfix-%04d", i);
        const std::string text = text_for(i);
        fixture.dirs.push_back(root.make_subdirectory(name));
        root.write_file(std::string(name) + "/" + file, text);
        root.write_file(std::string(name) + "/" + sibling, "");
        fixture.total_bytes += text.size();
    }
    return fixture;
}

EngineTimes time_engine(const Fixture& fixture, const std::string& file,
                        const ResolveFiles& resolve_files, const ResolveTexts& resolve_texts) {
    EngineTimes times;
    times.checksum = resolve_files(fixture.dirs);
    std::vector<double> cpu_runs;
    for (int r = 0; r < 9; ++r) {
        const auto start = Clock::now();
        const double cpu_start = cpu_ms();
        times.checksum += resolve_files(fixture.dirs);
        times.runs_ms.push_back(ms_since(start));
        cpu_runs.push_back(cpu_ms() - cpu_start);
    }
    times.median_ms = median(times.runs_ms);
    times.cpu_median_ms = median(cpu_runs);

    std::vector<double> read_runs;
    std::vector<double> memory_runs;
    std::vector<std::string> texts(fixture.dirs.size());
    for (int r = 0; r < 9; ++r) {
        auto start = Clock::now();
        for (std::size_t i = 0; i < fixture.dirs.size(); ++i) {
            texts[i] = pmr::effects::read_config_file(fixture.dirs[i] + "/" + file).value();
        }
        read_runs.push_back(ms_since(start));
        start = Clock::now();
        times.checksum += resolve_texts(fixture.dirs, texts);
        memory_runs.push_back(ms_since(start));
    }
    times.read_median_ms = median(read_runs);
    times.memory_median_ms = median(memory_runs);
    return times;
}

PostconfTimes time_postconf(const Fixture& fixture, int sample, const std::string& option) {
    const auto run = [&option](const std::string& dir) {
        return test_support::run_process({test_support::postconf_path, "-c", dir, option})
            .succeeded();
    };
    PostconfTimes times;
    times.sample = std::min(sample, static_cast<int>(fixture.dirs.size()));
    (void)run(fixture.dirs.front());  // warm
    const auto start = Clock::now();
    for (int i = 0; i < times.sample; ++i)
        times.failed += run(fixture.dirs[static_cast<std::size_t>(i)]) ? 0 : 1;
    times.sample_ms = ms_since(start);
    times.per_fork_ms = times.sample_ms / times.sample;
    times.instances = fixture.dirs.size();
    times.extrapolated_ms = times.per_fork_ms * static_cast<double>(times.instances);
    return times;
}

void print_postconf(const std::string& item, const std::string& option, const std::string& remark,
                    const EngineTimes& engine, const PostconfTimes& postconf) {
    const std::size_t instances = postconf.instances;
    std::printf(
        "  postconf -c DIR %s, one fork per file: %.1f ms for a sample of %d files "
        "(%.2f ms each, %d failed), extrapolated to %zu files: %.0f ms\n",
        option.c_str(), postconf.sample_ms, postconf.sample, postconf.per_fork_ms, postconf.failed,
        instances, postconf.extrapolated_ms);
    const double ratio = postconf.extrapolated_ms / engine.median_ms;
    std::printf("  ratio: pmreconcile is %.0fx faster than forking postconf %s per file%s\n", ratio,
                option.c_str(), remark.c_str());
    std::printf("BENCH %s_engine_ms %.3f\nBENCH %s_postconf_ms %.1f\nBENCH %s_ratio %.0f\n",
                item.c_str(), engine.median_ms, item.c_str(), postconf.extrapolated_ms,
                item.c_str(), ratio);
}

}  // namespace pmr::bench
