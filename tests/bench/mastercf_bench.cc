// pmr_bench_mastercf: how long pmreconcile's master.cf engine takes to read and resolve 1,000
// instances' master.cf files, against one `postconf -c DIR -M` per instance. Not a test: the
// figures depend on the machine. Usage: pmr_bench_mastercf [INSTANCES] [POSTCONF_SAMPLE]
//
// Each instance directory gets Debian's master.cf (its comments and its 40-odd services) plus a
// few per-instance services with -o settings over continuation lines. Resolving one file means:
// read it from disk, parse it, and produce the `postconf -M` view and every service's -o
// parameters, as pmreconcile does when it reads a host.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/mastercf/master_cf.h"
#include "core/mastercf/views.h"
#include "effects/read_file.h"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;
using pmr::mastercf::Folding;
using pmr::mastercf::MasterCf;

constexpr const char* postconf = "/usr/sbin/postconf";

std::string read_whole(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

/// Debian's master.cf, or a stand-in of the same shape where Postfix is not installed.
std::string stock_master_cf() {
    for (const char* path : {"/usr/share/postfix/master.cf.dist", "/etc/postfix/master.cf"}) {
        if (std::filesystem::exists(path))
            return read_whole(path);
    }
    std::string text = "#\n# Postfix master process configuration file.\n#\n";
    for (int i = 0; i < 40; ++i) {
        text += "service" + std::to_string(i) + " unix - - y - - daemon" + std::to_string(i) +
                "\n  -o syslog_name=postfix/$service_name\n";
    }
    return text;
}

std::string master_cf_for(int index, const std::string& stock) {
    std::ostringstream s;
    s << stock << "\n# Per-instance services\n"
      << "127.0.0." << (index % 250 + 1) << ":10025 inet n - y - 10 smtpd\n"
      << "  -o content_filter=\n  -o smtpd_client_restrictions=permit_mynetworks,reject\n"
      << "  -o { smtpd_banner = $myhostname instance " << index << " }\n"
      << "  -o syslog_name=postfix-" << index << "/$service_name\n"
      << "relay-" << index << " unix - - y - - smtp -o smtp_fallback_relay=\n"
      << "filter unix - n n - 4 pipe flags=Rq user=filter null_sender=\n"
      << "  argv=/usr/local/bin/filter -f ${sender} -- ${recipient}\n";
    return s.str();
}

double median(std::vector<double> v) {
    std::ranges::sort(v);
    return v[v.size() / 2];
}

double ms_since(Clock::time_point start) {
    return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

double cpu_ms() {
    struct rusage usage {};
    ::getrusage(RUSAGE_SELF, &usage);
    const auto ms = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_usec) / 1000.0;
    };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

/// Reads and resolves every instance's master.cf; returns a checksum so nothing is elided.
std::size_t resolve_all(const std::vector<std::string>& dirs, std::size_t& entries) {
    std::size_t checksum = 0;
    entries = 0;
    for (const std::string& dir : dirs) {
        const std::string path = dir + "/master.cf";
        auto text = pmr::effects::read_config_file(path);  // what pmreconcile reads files with
        if (!text)
            throw std::runtime_error(text.error());
        const MasterCf master_cf = MasterCf::parse(std::move(text).value(), path);
        checksum += pmr::mastercf::show_entries(master_cf, Folding::none).size();
        for (const auto& [service, parameters] : pmr::mastercf::parameters_by_service(master_cf)) {
            checksum += service.size() + parameters.size();
        }
        checksum += master_cf.diagnostics().size();
        entries += master_cf.entries().size();
    }
    return checksum;
}

/// resolve_all() on texts already in memory.
std::size_t resolve_texts(const std::vector<std::string>& dirs,
                          const std::vector<std::string>& texts) {
    std::size_t checksum = 0;
    for (std::size_t i = 0; i < dirs.size(); ++i) {
        const MasterCf master_cf = MasterCf::parse(texts[i], dirs[i] + "/master.cf");
        checksum += pmr::mastercf::show_entries(master_cf, Folding::none).size();
        for (const auto& [service, parameters] : pmr::mastercf::parameters_by_service(master_cf)) {
            checksum += service.size() + parameters.size();
        }
    }
    return checksum;
}

bool run_postconf_m(const std::string& dir) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::vector<std::string> argv{"postconf", "-c", dir, "-M"};
    std::vector<char*> args;
    for (std::string& a : argv)
        args.push_back(a.data());
    args.push_back(nullptr);
    pid_t pid = 0;
    const int rc = ::posix_spawn(&pid, postconf, &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (rc != 0)
        return false;
    int status = 0;
    ::waitpid(pid, &status, 0);
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

}  // namespace

int main(int argc, char** argv) {
    const int instances = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int sample = argc > 2 ? std::atoi(argv[2]) : 100;
    char pattern[] = "/tmp/pmr-bench-mastercf-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) {
        std::perror("mkdtemp");
        return 1;
    }
    const std::string root = pattern;

    // One directory per instance, dated in the past (Postfix rereads a file modified within the
    // last second until it "cools down", which would penalise postconf).
    const std::string stock = stock_master_cf();
    std::vector<std::string> dirs;
    std::size_t total_bytes = 0;
    const struct timeval old[2] = {{946684800, 0}, {946684800, 0}};
    for (int i = 0; i < instances; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "/postfix-%04d", i);
        const std::string dir = root + name;
        std::filesystem::create_directory(dir);
        const std::string text = master_cf_for(i, stock);
        std::ofstream(dir + "/master.cf", std::ios::binary) << text;
        std::ofstream(dir + "/main.cf", std::ios::binary) << "";
        ::utimes((dir + "/master.cf").c_str(), old);
        ::utimes((dir + "/main.cf").c_str(), old);
        total_bytes += text.size();
        dirs.push_back(dir);
    }

    // pmreconcile: one untimed pass to warm the page cache, then the median of 9 passes.
    std::size_t entries = 0;
    std::size_t checksum = resolve_all(dirs, entries);
    std::vector<double> runs;
    std::vector<double> cpu_runs;
    for (int r = 0; r < 9; ++r) {
        const auto start = Clock::now();
        const double cpu_start = cpu_ms();
        checksum += resolve_all(dirs, entries);
        runs.push_back(ms_since(start));
        cpu_runs.push_back(cpu_ms() - cpu_start);
    }
    const double engine_ms = median(runs);

    // The same work split in two: reading the files alone, and resolving texts already read.
    std::vector<double> read_runs;
    std::vector<double> memory_runs;
    std::vector<std::string> texts(dirs.size());
    for (int r = 0; r < 9; ++r) {
        auto start = Clock::now();
        for (std::size_t i = 0; i < dirs.size(); ++i) {
            texts[i] = pmr::effects::read_config_file(dirs[i] + "/master.cf").value();
        }
        read_runs.push_back(ms_since(start));
        start = Clock::now();
        checksum += resolve_texts(dirs, texts);
        memory_runs.push_back(ms_since(start));
    }

    std::printf(
        "pmr_bench_mastercf: %d instance directories, master.cf %.1f KB each (%.1f MB in all),"
        " %zu entries\n",
        instances, static_cast<double>(total_bytes) / instances / 1024.0,
        static_cast<double>(total_bytes) / 1048576.0, entries);
    std::printf(
        "  pmreconcile: read + parse + -M view + -o parameters of all %d files: %.1f ms (median "
        "of %zu runs, min %.1f ms; %.1f us per file; checksum %zx)\n",
        instances, engine_ms, runs.size(), *std::ranges::min_element(runs),
        engine_ms * 1000.0 / instances, checksum);
    std::printf("  CPU time of the same: %.1f ms (median)\n", median(cpu_runs));
    std::printf(
        "  of which: reading the files %.1f ms, resolving texts already in memory %.1f ms "
        "(medians)\n",
        median(read_runs), median(memory_runs));

    if (::access(postconf, X_OK) == 0 && sample > 0) {
        const int n = std::min(sample, instances);
        run_postconf_m(dirs[0]);  // warm
        int failed = 0;
        const auto start = Clock::now();
        for (int i = 0; i < n; ++i) {
            failed += run_postconf_m(dirs[static_cast<std::size_t>(i)]) ? 0 : 1;
        }
        const double sample_ms = ms_since(start);
        const double per_fork = sample_ms / n;
        const double extrapolated = per_fork * instances;
        std::printf(
            "  postconf -c DIR -M, one fork per file: %.1f ms for a sample of %d files "
            "(%.2f ms each, %d failed), extrapolated to %d files: %.0f ms\n",
            sample_ms, n, per_fork, failed, instances, extrapolated);
        std::printf("  ratio: pmreconcile is %.0fx faster than forking postconf -M per file\n",
                    extrapolated / engine_ms);
        std::printf(
            "BENCH mastercf_engine_ms %.3f\nBENCH mastercf_postconf_ms %.1f\nBENCH "
            "mastercf_ratio %.0f\n",
            engine_ms, extrapolated, extrapolated / engine_ms);
    } else {
        std::printf("  postconf: not measured\nBENCH mastercf_engine_ms %.3f\n", engine_ms);
    }
    std::filesystem::remove_all(root);
    return 0;
}
