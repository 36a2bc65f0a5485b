#include "core/flow/graph_format.h"

#include <gtest/gtest.h>

namespace pmr::flow {
namespace {

FlowGraph small_graph() {
    InstanceNode in{"postfix-in", "/etc/postfix-in", false, true, {}, {}};
    in.listeners.push_back({Endpoint{"::1", 25}, "smtp/inet", 12});
    HandOff to_filter;
    to_filter.parameter = "default_transport";
    to_filter.value = "smtp:[127.0.0.1]:10025";
    to_filter.endpoint = Endpoint{"127.0.0.1", 10025};
    in.hand_offs.push_back(to_filter);
    HandOff table;
    table.parameter = "transport_maps";
    table.value = "hash:/etc/postfix/transport";
    table.kind = HopKind::table;
    table.table = "hash:/etc/postfix/transport";
    in.hand_offs.push_back(table);
    InstanceNode off{"postfix-\"odd\"", "/etc/postfix-odd", false, false, {}, {}};
    return build_graph({in, off}, {EndpointNode{"filter", Endpoint{"127.0.0.1", 10025}, {}}});
}

TEST(GraphFormatTest, Text) {
    EXPECT_EQ(render_text(small_graph()),
              "instance postfix-in listens on [::1]:25 (smtp/inet)\n"
              "instance postfix-\"odd\" (disabled) listens nowhere\n"
              "endpoint filter listens on 127.0.0.1:10025\n"
              "edge postfix-in -> filter: default_transport smtp:[127.0.0.1]:10025\n"
              "edge postfix-in -> hash:/etc/postfix/transport: transport_maps "
              "hash:/etc/postfix/transport\n");
}

TEST(GraphFormatTest, Json) {
    EXPECT_EQ(
        render_json(small_graph()),
        R"({"format_version":"1.0","instances":[{"name":"postfix-in","config_directory":)"
        R"("/etc/postfix-in","primary":false,"enabled":true,"listeners":[{"address":"::1",)"
        R"("port":25,"service":"smtp/inet"}]},{"name":"postfix-\"odd\"","config_directory":)"
        R"("/etc/postfix-odd","primary":false,"enabled":false,"listeners":[]}],"endpoints":)"
        R"([{"name":"filter","listen":"127.0.0.1:10025","forwards_to":null}],"remotes":[],)"
        R"("tables":["hash:/etc/postfix/transport"],"edges":[{"from":"postfix-in","from_kind":)"
        R"("instance","to":"filter","to_kind":"endpoint","parameter":"default_transport",)"
        R"("value":"smtp:[127.0.0.1]:10025","dangling":false},{"from":"postfix-in",)"
        R"("from_kind":"instance","to":"hash:/etc/postfix/transport","to_kind":"table",)"
        R"("parameter":"transport_maps","value":"hash:/etc/postfix/transport",)"
        R"("dangling":false}]})"
        "\n");
}

TEST(GraphFormatTest, DotQuotesNamesAndKeepsKindsApart) {
    const std::string dot = render_dot(small_graph());
    EXPECT_NE(dot.find("\"instance:postfix-\\\"odd\\\"\" [shape=box, label=\"postfix-\\\"odd\\\" "
                       "(disabled)\\nlistens nowhere\"];"),
              std::string::npos)
        << dot;
    EXPECT_NE(dot.find("\"instance:postfix-in\" -> \"endpoint:filter\" [label=\"default_transport"
                       "\\nsmtp:[127.0.0.1]:10025\"];"),
              std::string::npos)
        << dot;
    EXPECT_NE(dot.find("\"table:hash:/etc/postfix/transport\" [shape=cylinder"), std::string::npos);
    EXPECT_EQ(dot.substr(0, 20), "digraph mail_flow {\n");
    EXPECT_EQ(dot.back(), '\n');
}

}  // namespace
}  // namespace pmr::flow
