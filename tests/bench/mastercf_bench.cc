// pmr_bench_mastercf: how long pmreconcile's master.cf engine takes to read and resolve 1,000
// instances' master.cf files, against one `postconf -c DIR -M` per instance. Not a test: the
// figures depend on the machine. Usage: pmr_bench_mastercf [INSTANCES] [POSTCONF_SAMPLE]
//
// Each instance directory gets Debian's master.cf (its comments and its 40-odd services) plus a
// few per-instance services with -o settings over continuation lines. Resolving one file means:
// read it from disk, parse it, and produce the `postconf -M` view and every service's -o
// parameters, as pmreconcile does when it reads a host.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/mastercf/master_cf.h"
#include "core/mastercf/views.h"
#include "effects/read_file.h"
#include "engine_bench.h"
#include "postconf_process.h"
#include "scratch_directory.h"

namespace {

using pmr::mastercf::Folding;
using pmr::mastercf::MasterCf;

/// Debian's master.cf, or a stand-in of the same shape where Postfix is not installed.
std::string stock_master_cf() {
    for (const char* path : {"/usr/share/postfix/master.cf.dist", "/etc/postfix/master.cf"}) {
        if (std::filesystem::exists(path))
            return pmr::test_support::read_file(path);
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

void print_engine(int instances, const pmr::bench::Fixture& fixture,
                  const pmr::bench::EngineTimes& engine, std::size_t entries) {
    const auto total_bytes = static_cast<double>(fixture.total_bytes);
    std::printf(
        "pmr_bench_mastercf: %d instance directories, master.cf %.1f KB each (%.1f MB in all),"
        " %zu entries\n",
        instances, total_bytes / instances / 1024.0, total_bytes / 1048576.0, entries);
    std::printf(
        "  pmreconcile: read + parse + -M view + -o parameters of all %d files: %.1f ms (median "
        "of %zu runs, min %.1f ms; %.1f us per file; checksum %zx)\n",
        instances, engine.median_ms, engine.runs_ms.size(),
        *std::ranges::min_element(engine.runs_ms), engine.median_ms * 1000.0 / instances,
        engine.checksum);
    std::printf("  CPU time of the same: %.1f ms (median)\n", engine.cpu_median_ms);
    std::printf(
        "  of which: reading the files %.1f ms, resolving texts already in memory %.1f ms "
        "(medians)\n",
        engine.read_median_ms, engine.memory_median_ms);
}

}  // namespace

int main(int argc, char** argv) {
    const int instances = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int sample = argc > 2 ? std::atoi(argv[2]) : 100;
    const pmr::test_support::ScratchDirectory root("pmr-bench-mastercf");
    const std::string stock = stock_master_cf();
    const pmr::bench::Fixture fixture =
        pmr::bench::make_fixture(root, instances, "master.cf", "main.cf",
                                 [&stock](int i) { return master_cf_for(i, stock); });

    std::size_t entries = 0;
    const pmr::bench::EngineTimes engine = pmr::bench::time_engine(
        fixture, "master.cf",
        [&entries](const std::vector<std::string>& dirs) { return resolve_all(dirs, entries); },
        resolve_texts);
    print_engine(instances, fixture, engine, entries);

    if (pmr::test_support::postconf_installed() && sample > 0) {
        pmr::bench::print_postconf("mastercf", "-M", "", engine,
                                   pmr::bench::time_postconf(fixture, sample, "-M"));
    } else {
        std::printf("  postconf: not measured\nBENCH mastercf_engine_ms %.3f\n", engine.median_ms);
    }
    return 0;
}
