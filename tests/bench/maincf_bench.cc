// pmr_bench_maincf: how long pmreconcile's main.cf engine takes to read and fully resolve 1,000
// instances' main.cf files, against one `postconf -c DIR -n` per instance. Not a test: the
// figures depend on the machine. Usage: pmr_bench_maincf [INSTANCES] [POSTCONF_SAMPLE]
//
// Each instance directory gets a main.cf like Debian's: main.cf.dist's 27 KB of comments plus a
// few dozen settings (continuation lines, references, conditionals, per-instance directories).
// Resolving one file means: read it from disk, parse it, list its effective settings, expand
// every one of them and the instance's directories, as pmreconcile does when it reads a host.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/maincf/configuration.h"
#include "core/maincf/main_cf.h"
#include "core/maincf/parameter_defaults.h"
#include "effects/read_file.h"
#include "engine_bench.h"
#include "postconf_process.h"
#include "scratch_directory.h"

namespace {

using pmr::maincf::Configuration;
using pmr::maincf::MainCf;
using pmr::maincf::ParameterDefaults;

/// The directories pmreconcile resolves for every instance.
constexpr const char* directories[] = {
    "config_directory", "queue_directory", "data_directory",    "command_directory",
    "daemon_directory", "meta_directory",  "shlib_directory",   "sample_directory",
    "readme_directory", "html_directory",  "manpage_directory",
};

/// 27 KB of main.cf.dist, or comment text of the same size where Postfix is not installed.
std::string comment_block() {
    for (const char* path : {"/usr/share/postfix/main.cf.dist", "/etc/postfix/main.cf.proto"}) {
        if (std::filesystem::exists(path))
            return pmr::test_support::read_file(path);
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

void print_engine(int instances, const pmr::bench::Fixture& fixture,
                  const pmr::bench::EngineTimes& engine, std::size_t settings,
                  std::size_t failures) {
    const auto total_bytes = static_cast<double>(fixture.total_bytes);
    std::printf(
        "pmr_bench_maincf: %d instance directories, main.cf %.1f KB each (%.1f MB in all),"
        " %zu settings\n",
        instances, total_bytes / instances / 1024.0, total_bytes / 1048576.0, settings);
    std::printf(
        "  pmreconcile: read + parse + expand every setting and %zu directories of all %d "
        "files: %.1f ms (median of %zu runs, min %.1f ms; %.1f us per file; %zu "
        "expansion errors; checksum %zx)\n",
        std::size(directories), instances, engine.median_ms, engine.runs_ms.size(),
        *std::ranges::min_element(engine.runs_ms), engine.median_ms * 1000.0 / instances, failures,
        engine.checksum);
    std::printf(
        "  CPU time of the same: %.1f ms (median; the wall-clock time above includes "
        "waiting for a CPU on a busy machine)\n",
        engine.cpu_median_ms);
    std::printf(
        "  of which: reading the files %.1f ms, resolving texts already in memory %.1f "
        "ms (medians)\n",
        engine.read_median_ms, engine.memory_median_ms);
}

}  // namespace

int main(int argc, char** argv) {
    const int instances = argc > 1 ? std::atoi(argv[1]) : 1000;
    const int sample = argc > 2 ? std::atoi(argv[2]) : 100;
    const pmr::test_support::ScratchDirectory root("pmr-bench-maincf");
    const std::string comments = comment_block();
    const pmr::bench::Fixture fixture =
        pmr::bench::make_fixture(root, instances, "main.cf", "master.cf",
                                 [&comments](int i) { return main_cf_for(i, comments); });

    const ParameterDefaults defaults = ParameterDefaults::builtin();
    std::size_t settings = 0;
    std::size_t failures = 0;
    const pmr::bench::EngineTimes engine = pmr::bench::time_engine(
        fixture, "main.cf",
        [&](const std::vector<std::string>& dirs) {
            return resolve_all(dirs, defaults, settings, failures);
        },
        [&defaults](const std::vector<std::string>& dirs, const std::vector<std::string>& texts) {
            return resolve_texts(dirs, texts, defaults);
        });
    print_engine(instances, fixture, engine, settings, failures);

    const bool have_postconf = pmr::test_support::postconf_installed();
    if (have_postconf && sample > 0) {
        pmr::bench::print_postconf("maincf", "-n", " (and postconf -n does not even expand)",
                                   engine, pmr::bench::time_postconf(fixture, sample, "-n"));
    } else {
        std::printf("  postconf: not measured (%s)\n",
                    have_postconf ? "sample of 0" : "/usr/sbin/postconf not installed");
        std::printf("BENCH maincf_engine_ms %.3f\n", engine.median_ms);
    }
    return 0;
}
