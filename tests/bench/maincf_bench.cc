// pmr_bench_maincf: how long pmreconcile's main.cf engine takes to read and fully resolve 1,000
// instances' main.cf files, against one `postconf -c DIR -n` per instance. Not a test: the
// figures depend on the machine. Usage: pmr_bench_maincf [INSTANCES] [POSTCONF_SAMPLE]
//
// Each instance directory gets a main.cf like Debian's: main.cf.dist's 27 KB of comments plus a
// few dozen settings (continuation lines, references, conditionals, per-instance directories).
// Resolving one file means: read it from disk, parse it, list its effective settings, expand
// every one of them and the instance's directories, as pmreconcile does when it reads a host.
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

#include "core/maincf/configuration.h"
#include "core/maincf/main_cf.h"
#include "core/maincf/parameter_defaults.h"
#include "effects/read_file.h"

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;
using pmr::maincf::Configuration;
using pmr::maincf::MainCf;
using pmr::maincf::ParameterDefaults;

constexpr const char* postconf = "/usr/sbin/postconf";

/// The directories pmreconcile resolves for every instance.
constexpr const char* directories[] = {
    "config_directory", "queue_directory", "data_directory",    "command_directory",
    "daemon_directory", "meta_directory",  "shlib_directory",   "sample_directory",
    "readme_directory", "html_directory",  "manpage_directory",
};

std::string read_whole(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw std::runtime_error("open " + path);
    struct stat st {};
    ::fstat(fd, &st);
    std::string bytes(static_cast<std::size_t>(st.st_size), '\0');
    std::size_t done = 0;
    while (done < bytes.size()) {
        const ssize_t n = ::read(fd, bytes.data() + done, bytes.size() - done);
        if (n <= 0)
            break;
        done += static_cast<std::size_t>(n);
    }
    ::close(fd);
    bytes.resize(done);
    return bytes;
}

/// 27 KB of main.cf.dist, or comment text of the same size where Postfix is not installed.
std::string comment_block() {
    for (const char* path : {"/usr/share/postfix/main.cf.dist", "/etc/postfix/main.cf.proto"}) {
        if (std::filesystem::exists(path))
            return read_whole(path);
    }
    std::string text;
    while (text.size() < 27000) {
        text +=
            "# The myorigin parameter specifies the domain that locally-posted mail appears\n"
            "# to come from. The default is to append $myhostname, which is fine for small\n"
            "#\n#myorigin = $myhostname\n#myorigin = $mydomain\n\n";
    }
    return text;
}

std::string main_cf_for(int index, const std::string& comments) {
    char name[32];
    std::snprintf(name, sizeof name, "postfix-%04d", index);
    std::ostringstream s;
    s << comments << "\n# Settings\n"
      << "smtpd_banner = $myhostname ESMTP $mail_name (Debian/GNU)\n"
      << "biff = no\nappend_dot_mydomain = no\nreadme_directory = no\n"
      << "compatibility_level = 3.6\n"
      << "smtpd_tls_cert_file=/etc/ssl/certs/ssl-cert-snakeoil.pem\n"
      << "smtpd_tls_key_file=/etc/ssl/private/ssl-cert-snakeoil.key\n"
      << "smtpd_tls_security_level=may\n"
      << "smtp_tls_CApath=/etc/ssl/certs\nsmtp_tls_security_level=may\n"
      << "smtp_tls_session_cache_database = btree:${data_directory}/smtp_scache\n"
      << "smtpd_relay_restrictions = permit_mynetworks permit_sasl_authenticated\n"
      << "    defer_unauth_destination\n"
      << "myhostname = mx" << index << ".example.com\n"
      << "alias_maps = hash:/etc/aliases\nalias_database = hash:/etc/aliases\n"
      << "myorigin = /etc/mailname\n"
      << "mydestination = $myhostname, " << name << ".example.com, localhost.localdomain,\n"
      << "  localhost\n"
      << "relayhost = [relay.example.com]:587\n"
      << "mynetworks = 127.0.0.0/8 [::ffff:127.0.0.0]/104 [::1]/128\n"
      << "mailbox_size_limit = 0\nrecipient_delimiter = +\n"
      << "inet_interfaces = 127.0.0." << (index % 250 + 1) << "\ninet_protocols = all\n"
      << "queue_directory = /var/spool/" << name << "\n"
      << "data_directory = /var/lib/" << name << "\n"
      << "multi_instance_name = " << name << "\n"
      << "multi_instance_group = group" << index % 7 << "\n"
      << "multi_instance_enable = yes\n"
      << "master_service_disable = inet\nauthorized_submit_users =\n"
      << "syslog_name = ${multi_instance_name?{$multi_instance_name}:{postfix}}\n"
      << "virtual_alias_maps = hash:$config_directory/virtual\n"
      << "transport_maps = hash:$config_directory/transport\n"
      << "smtpd_sender_restrictions = ${{$multi_instance_group} == {group0} ? {reject} : "
         "{permit}}\n"
      << "header_checks = regexp:$config_directory/header_checks\n"
      << "smtpd_helo_required = yes\ndisable_vrfy_command = yes\n"
      << "message_size_limit = " << 10240000 + index << "\n"
      << "local_recipient_maps = proxy:unix:passwd.byname $alias_maps\n";
    return s.str();
}

double median(std::vector<double> v) {
    std::ranges::sort(v);
    return v[v.size() / 2];
}

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

/// Reads and fully resolves every instance's main.cf; returns a checksum so nothing is elided.
std::size_t resolve_all(const std::vector<std::string>& dirs, const ParameterDefaults& defaults,
                        std::size_t& settings, std::size_t& failures) {
    std::size_t checksum = 0;
    settings = 0;
    failures = 0;
    ParameterDefaults instance_defaults = defaults;
    for (const std::string& dir : dirs) {
        const std::string path = dir + "/main.cf";
        auto text = pmr::effects::read_config_file(path);  // what pmreconcile reads main.cf with
        if (!text)
            throw std::runtime_error(text.error());
        const MainCf main_cf = MainCf::parse(std::move(text).value(), path);
        instance_defaults.set("config_directory", dir);
        const Configuration configuration(main_cf, instance_defaults);
        for (const pmr::maincf::Definition* d : main_cf.effective()) {
            const auto e = configuration.expanded(d->name);
            checksum += e.value.size();
            failures += e.ok() ? 0 : 1;
            ++settings;
        }
        for (const char* name : directories)
            checksum += configuration.expanded(name).value.size();
        checksum += main_cf.diagnostics().size();
    }
    return checksum;
}

/// resolve_all() on texts already in memory.
std::size_t resolve_texts(const std::vector<std::string>& dirs,
                          const std::vector<std::string>& texts,
                          const ParameterDefaults& defaults) {
    std::size_t checksum = 0;
    ParameterDefaults instance_defaults = defaults;
    for (std::size_t i = 0; i < dirs.size(); ++i) {
        const MainCf main_cf = MainCf::parse(texts[i], dirs[i] + "/main.cf");
        instance_defaults.set("config_directory", dirs[i]);
        const Configuration configuration(main_cf, instance_defaults);
        for (const pmr::maincf::Definition* d : main_cf.effective()) {
            checksum += configuration.expanded(d->name).value.size();
        }
        for (const char* name : directories)
            checksum += configuration.expanded(name).value.size();
    }
    return checksum;
}

bool run_postconf_n(const std::string& dir) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::vector<std::string> argv{"postconf", "-c", dir, "-n"};
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
    char pattern[] = "/tmp/pmr-bench-maincf-XXXXXX";
    if (::mkdtemp(pattern) == nullptr) {
        std::perror("mkdtemp");
        return 1;
    }
    const std::string root = pattern;

    // The fixture: one directory per instance, dated in the past (Postfix rereads a main.cf
    // modified within the last second until it "cools down", which would penalise postconf).
    const std::string comments = comment_block();
    std::vector<std::string> dirs;
    std::size_t total_bytes = 0;
    const struct timeval old[2] = {{946684800, 0}, {946684800, 0}};
    for (int i = 0; i < instances; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "/postfix-%04d", i);
        const std::string dir = root + name;
        std::filesystem::create_directory(dir);
        const std::string text = main_cf_for(i, comments);
        std::ofstream(dir + "/main.cf", std::ios::binary) << text;
        std::ofstream(dir + "/master.cf", std::ios::binary) << "";
        ::utimes((dir + "/main.cf").c_str(), old);
        total_bytes += text.size();
        dirs.push_back(dir);
    }

    ParameterDefaults defaults = ParameterDefaults::builtin();
    const bool have_postconf = ::access(postconf, X_OK) == 0;

    // pmreconcile: one untimed pass to warm the page cache, then the median of 9 passes.
    std::size_t settings = 0;
    std::size_t failures = 0;
    std::size_t checksum = resolve_all(dirs, defaults, settings, failures);
    std::vector<double> runs;
    std::vector<double> cpu_runs;
    for (int r = 0; r < 9; ++r) {
        const auto start = Clock::now();
        const double cpu_start = cpu_ms();
        checksum += resolve_all(dirs, defaults, settings, failures);
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
            texts[i] = pmr::effects::read_config_file(dirs[i] + "/main.cf").value();
        }
        read_runs.push_back(ms_since(start));
        start = Clock::now();
        checksum += resolve_texts(dirs, texts, defaults);
        memory_runs.push_back(ms_since(start));
    }

    std::printf(
        "pmr_bench_maincf: %d instance directories, main.cf %.1f KB each (%.1f MB in all),"
        " %zu settings\n",
        instances, static_cast<double>(total_bytes) / instances / 1024.0,
        static_cast<double>(total_bytes) / 1048576.0, settings);
    std::printf(
        "  pmreconcile: read + parse + expand every setting and %zu directories of all %d "
        "files: %.1f ms (median of %zu runs, min %.1f ms; %.1f us per file; %zu "
        "expansion errors; checksum %zx)\n",
        std::size(directories), instances, engine_ms, runs.size(), *std::ranges::min_element(runs),
        engine_ms * 1000.0 / instances, failures, checksum);
    std::printf(
        "  CPU time of the same: %.1f ms (median; the wall-clock time above includes "
        "waiting for a CPU on a busy machine)\n",
        median(cpu_runs));
    std::printf(
        "  of which: reading the files %.1f ms, resolving texts already in memory %.1f "
        "ms (medians)\n",
        median(read_runs), median(memory_runs));

    if (have_postconf && sample > 0) {
        const int n = std::min(sample, instances);
        run_postconf_n(dirs[0]);  // warm
        int failed = 0;
        const auto start = Clock::now();
        for (int i = 0; i < n; ++i)
            failed += run_postconf_n(dirs[static_cast<std::size_t>(i)]) ? 0 : 1;
        const double sample_ms = ms_since(start);
        const double per_fork = sample_ms / n;
        const double extrapolated = per_fork * instances;
        std::printf(
            "  postconf -c DIR -n, one fork per file: %.1f ms for a sample of %d files "
            "(%.2f ms each, %d failed), extrapolated to %d files: %.0f ms\n",
            sample_ms, n, per_fork, failed, instances, extrapolated);
        std::printf(
            "  ratio: pmreconcile is %.0fx faster than forking postconf -n per file "
            "(and postconf -n does not even expand)\n",
            extrapolated / engine_ms);
        std::printf(
            "BENCH maincf_engine_ms %.3f\nBENCH maincf_postconf_ms %.1f\nBENCH "
            "maincf_ratio %.0f\n",
            engine_ms, extrapolated, extrapolated / engine_ms);
    } else {
        std::printf("  postconf: not measured (%s)\n",
                    have_postconf ? "sample of 0" : "/usr/sbin/postconf not installed");
        std::printf("BENCH maincf_engine_ms %.3f\n", engine_ms);
    }
    std::filesystem::remove_all(root);
    return 0;
}
