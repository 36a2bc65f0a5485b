#include "core/manifest/service_export.h"

#include <gtest/gtest.h>

#include "core/manifest/manifest_parser.h"
#include "core/manifest/manifest_writer.h"

namespace pmr::manifest {
namespace {

const std::string stock =
    "# the stock file\n"
    "smtp      inet  n       -       y       -       -       smtpd\n"
    "pickup    unix  n       -       y       60      1       pickup\n"
    "relay     unix  -       -       y       -       -       smtp\n"
    "        -o syslog_name=postfix/$service_name\n";

mastercf::MasterCf parsed(const std::string& text) {
    return mastercf::MasterCf::parse(text, "master.cf");
}

TEST(ServiceExportTest, TheStockFileHasNothingToExport) {
    EXPECT_TRUE(services_differing(parsed(stock), parsed(stock)).empty());
}

TEST(ServiceExportTest, ChangedNewAndMissingServicesAreExported) {
    const std::string text =
        "smtp      inet  n       -       y       -       -       smtpd\n"
        "pickup    unix  n       -       y       30      1       pickup\n"
        "127.0.0.1:10026 inet n - n - - smtpd -o content_filter= -o {smtpd_banner = a b}\n"
        "  -o content_filter=x\n";
    const std::vector<DesiredService> services = services_differing(parsed(text), parsed(stock));
    ASSERT_EQ(services.size(), 3u);
    EXPECT_EQ(services[0].key(), "pickup/unix");
    EXPECT_EQ(services[0].wakeup->value, "30");
    EXPECT_EQ(services[0].command->value, "pickup");
    EXPECT_EQ(services[1].key(), "127.0.0.1:10026/inet");
    EXPECT_EQ(services[1].command->value, "smtpd");
    ASSERT_EQ(services[1].options.size(), 2u);
    EXPECT_EQ(services[1].options[0].name, "smtpd_banner");
    EXPECT_EQ(services[1].options[0].value, std::optional<std::string>("a b"));
    EXPECT_EQ(services[1].options[1].name, "content_filter");
    EXPECT_EQ(services[1].options[1].value, std::optional<std::string>("x"));
    EXPECT_EQ(services[2].key(), "relay/unix");
    EXPECT_TRUE(services[2].absent);
}

TEST(ServiceExportTest, TheExportIsAManifestThatReadsBackAndValidates) {
    Manifest manifest;
    manifest.primary_services =
        services_differing(parsed("smtp inet n - y - - smtpd -v -o x=1 {a b}\n"), parsed(stock));
    const std::string yaml = write_manifest(manifest);
    Diagnostics problems;
    const auto read = parse_and_validate(yaml, "export.yaml", {}, problems);
    ASSERT_TRUE(read) << yaml << (problems.empty() ? "" : problems.front().to_string());
    ASSERT_EQ(read->primary_services.size(), 3u) << yaml;
    EXPECT_EQ(read->primary_services[0].command->value, "smtpd -v {a b}");
    EXPECT_EQ(read->primary_services[0].options.at(0).name, "x");
    EXPECT_TRUE(read->primary_services[2].absent);
}

}  // namespace
}  // namespace pmr::manifest
