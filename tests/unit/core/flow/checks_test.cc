#include "core/flow/checks.h"

#include <gtest/gtest.h>

#include "../plan/plan_test_support.h"
#include "core/flow/graph_format.h"
#include "core/flow/host_flow.h"

namespace pmr::flow {
namespace {

using plan::testing::read_manifest;
using plan::testing::TestHost;

ServicesTable services() {
    ServicesTable table;
    table.add("smtp", 25);
    table.add("lmtp", 24);
    return table;
}

/// The graph of `host` after a plan of `manifest`, with the checks' findings.
struct Result {
    FlowGraph graph;
    Diagnostics findings;
};

Result planned(const std::string& yaml, TestHost host = TestHost()) {
    const manifest::Manifest manifest = read_manifest(yaml);
    plan::PlanResult result = plan::make_plan(manifest, host.host(), plan::testing::defaults());
    if (!result.plan)
        throw std::runtime_error("no plan: " + result.problems.front().to_string());
    Diagnostics problems;
    Result out{graph_of_host(*result.host_after, plan::testing::defaults(), services(),
                             endpoint_nodes(manifest), problems),
               {}};
    out.findings = check_flow(out.graph, manifest);
    return out;
}

std::vector<std::string> texts(const Diagnostics& findings) {
    std::vector<std::string> out;
    for (const Diagnostic& d : findings)
        out.push_back(d.to_string());
    return out;
}

const char* const content_filter = R"(version: 1
primary:
  parameters:
    master_service_disable: inet
    relayhost: "[mailhub.example.com]"
instances:
  - name: postfix-out
    enable: true
    parameters:
      master_service_disable: ""
      inet_interfaces: loopback-only
    services:
      smtp/inet:
        state: absent
      "127.0.0.1:10026/inet":
        command: smtpd
  - name: postfix-in
    enable: true
    parameters:
      master_service_disable: ""
      inet_interfaces: 127.0.0.1
      default_transport: "smtp:[127.0.0.1]:10025"
      relay_transport: $default_transport
endpoints:
  - name: filter
    listen: 127.0.0.1:10025
    forwards_to: 127.0.0.1:10026
)";

TEST(FlowChecksTest, ContentFilterIsAPathWithoutFindings) {
    const Result r = planned(content_filter);
    EXPECT_EQ(render_text(r.graph),
              "instance primary listens nowhere\n"
              "instance postfix-out listens on 127.0.0.1:10026 (127.0.0.1:10026/inet)\n"
              "instance postfix-in listens on 127.0.0.1:25 (smtp/inet)\n"
              "endpoint filter listens on 127.0.0.1:10025\n"
              "edge primary -> [mailhub.example.com]:25: relayhost [mailhub.example.com]\n"
              "edge postfix-out -> recipient MX: default_transport smtp\n"
              "edge postfix-in -> filter: default_transport smtp:[127.0.0.1]:10025\n"
              "edge postfix-in -> filter: relay_transport smtp:[127.0.0.1]:10025\n"
              "edge filter -> postfix-out: forwards_to 127.0.0.1:10026\n");
    EXPECT_EQ(texts(r.findings), std::vector<std::string>{});
}

TEST(FlowChecksTest, ReceiverListedAfterItsSenderIsAnOrderWarning) {
    std::string yaml = content_filter;
    // postfix-in first: it hands mail (through the filter) to postfix-out, which starts later.
    const auto out_at = yaml.find("  - name: postfix-out");
    const auto in_at = yaml.find("  - name: postfix-in");
    const auto end = yaml.find("endpoints:");
    yaml = yaml.substr(0, out_at) + yaml.substr(in_at, end - in_at) +
           yaml.substr(out_at, in_at - out_at) + yaml.substr(end);
    const Result r = planned(yaml);
    ASSERT_EQ(r.findings.size(), 1u);
    EXPECT_EQ(r.findings[0].severity, Severity::warning);
    EXPECT_EQ(r.findings[0].to_string(),
              "instances.yaml:14:5: start order: postfix-out receives mail from postfix-in "
              "(default_transport smtp:[127.0.0.1]:10025 via filter) but starts after it; an "
              "instance others hand mail to must start before them: list them as postfix-out, "
              "postfix-in");
}

TEST(FlowChecksTest, WithoutTheEndpointTheHandOffDangles) {
    std::string yaml = content_filter;
    yaml = yaml.substr(0, yaml.find("endpoints:"));
    const Result r = planned(yaml);
    EXPECT_EQ(texts(r.findings),
              (std::vector<std::string>{
                  "instances.yaml:22:7: dangling hand-off: postfix-in's default_transport "
                  "smtp:[127.0.0.1]:10025 sends mail to 127.0.0.1:10025 on this host, where no "
                  "instance listens (declare it under 'endpoints:' if something else does)",
                  "instances.yaml:23:7: dangling hand-off: postfix-in's relay_transport "
                  "smtp:[127.0.0.1]:10025 sends mail to 127.0.0.1:10025 on this host, where no "
                  "instance listens (declare it under 'endpoints:' if something else does)"}));
}

TEST(FlowChecksTest, TwoInstancesOnOnePortConflictWithBothPositions) {
    const Result r = planned(R"(version: 1
instances:
  - name: postfix-a
    enable: true
    parameters:
      master_service_disable: ""
      inet_interfaces: loopback-only
  - name: postfix-b
    enable: true
    parameters:
      master_service_disable: ""
      inet_interfaces: all
)");
    // The primary (Debian's: smtp on all addresses) clashes with both, and a and b with each
    // other; each is reported against the first it clashes with (the primary), so n instances
    // on one port are n - 1 errors, not n(n - 1)/2.
    std::vector<std::string> conflicts;
    for (const Diagnostic& d : r.findings) {
        EXPECT_EQ(d.severity, Severity::error);
        conflicts.push_back(d.to_string());
    }
    ASSERT_EQ(conflicts.size(), 2u);
    EXPECT_EQ(conflicts[0].substr(0, 50), "/etc/postfix/master.cf:12: listener conflict: prim");
    EXPECT_NE(conflicts[0].find("and postfix-a (smtp/inet, 127.0.0.1:25, at instances.yaml:7:7)"),
              std::string::npos)
        << conflicts[0];
    EXPECT_NE(conflicts[1].find("and postfix-b (smtp/inet, 0.0.0.0:25, at instances.yaml:12:7)"),
              std::string::npos)
        << conflicts[1];
    // Once the primary stops listening, the pair that is left is reported with its effect.
    const Result without_primary = planned(R"(version: 1
primary:
  parameters:
    master_service_disable: inet
instances:
  - name: postfix-a
    enable: true
    parameters:
      master_service_disable: ""
      inet_interfaces: loopback-only
  - name: postfix-b
    enable: true
    parameters:
      master_service_disable: ""
      inet_interfaces: all
)");
    ASSERT_EQ(without_primary.findings.size(), 1u);
    EXPECT_EQ(without_primary.findings[0].to_string(),
              "instances.yaml:10:7: listener conflict: postfix-a (smtp/inet, 127.0.0.1:25) and "
              "postfix-b (smtp/inet, 0.0.0.0:25, at instances.yaml:15:7) bind overlapping "
              "addresses on one port: Postfix starts both (SO_REUSEPORT) and connections to "
              "127.0.0.1 reach only postfix-a");
}

TEST(FlowChecksTest, DisabledInstancesBindAndSendNothing) {
    const Result r = planned(R"(version: 1
primary:
  parameters:
    master_service_disable: inet
instances:
  - name: postfix-a
    enable: true
    parameters:
      master_service_disable: ""
  - name: postfix-b
    enable: false
    parameters:
      master_service_disable: ""
      relayhost: "[127.0.0.1]:2525"
)");
    // postfix-b binds *:25 beside postfix-a and relays to a port nobody listens on, but it is
    // not started: neither is news.
    EXPECT_EQ(texts(r.findings), std::vector<std::string>{});
}

TEST(FlowChecksTest, ACycleOfInstancesIsALoop) {
    const Result r = planned(R"(version: 1
primary:
  parameters:
    master_service_disable: inet
instances:
  - name: postfix-a
    enable: true
    parameters:
      master_service_disable: ""
      inet_interfaces: 127.0.0.1
      relayhost: "[127.0.0.2]"
  - name: postfix-b
    enable: true
    parameters:
      master_service_disable: ""
      inet_interfaces: 127.0.0.2
      transport_maps: "inline:{example.com=relay:[127.0.0.1]:25}, hash:/etc/postfix/transport"
)");
    ASSERT_FALSE(r.findings.empty());
    EXPECT_EQ(r.findings[0].to_string(),
              "instances.yaml:11:7: mail loop: postfix-a -> postfix-b (relayhost [127.0.0.2]) -> "
              "postfix-a (transport_maps example.com=relay:[127.0.0.1]:25)");
    EXPECT_EQ(r.graph.tables, std::vector<std::string>{"hash:/etc/postfix/transport"});
}

TEST(CheckEndpointsTest, RefusesBadAddressesAndNamesAndConflicts) {
    const manifest::Manifest m = read_manifest(R"(version: 1
instances:
  - name: postfix-a
    enable: true
    services:
      "127.0.0.1:10025/inet":
        command: smtpd
endpoints:
  - name: filter
    listen: 127.0.0.1:10025
  - name: postfix-a
    listen: "10026"
    forwards_to: "[::1]:x"
)");
    EXPECT_EQ(texts(check_endpoints(m)),
              (std::vector<std::string>{
                  "instances.yaml:11:5: endpoint name 'postfix-a' must be given and differ from "
                  "every instance and endpoint",
                  "instances.yaml:12:13: bad address '10026': expected host:port",
                  "instances.yaml:13:18: bad address '[::1]:x': unknown service name 'x' (not a "
                  "tcp service of /etc/services)",
                  "instances.yaml:9:5: listener conflict: filter (listen, 127.0.0.1:10025) and "
                  "postfix-a (127.0.0.1:10025/inet, 127.0.0.1:10025, at instances.yaml:6:7) bind "
                  "the same address and port: Postfix starts both (SO_REUSEPORT) and each "
                  "connection reaches either one"}));
}

}  // namespace
}  // namespace pmr::flow
