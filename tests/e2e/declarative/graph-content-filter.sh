#!/usr/bin/env bash
# pmreconcile graph on real Postfix (#17): examples/content-filter.yaml applied in the sandbox
# gives the exact text graph (postfix-in -> filter -> postfix-out, the null-client primary to its
# hub), its dot output renders with Graphviz's dot -Tsvg, its JSON reads with python3 and has
# format_version; the host without the manifest shows the filter's port as a dangling hand-off;
# a missing dot is a clear error (exit 1).
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

example=$E2E_TOP/examples/content-filter.yaml
graph='instance primary listens nowhere
instance postfix-out listens on 127.0.0.1:10026 (127.0.0.1:10026/inet)
instance postfix-in listens on 127.0.0.1:25 (smtp/inet)
endpoint filter listens on 127.0.0.1:10025
edge primary -> [mailhub.example.com]:25: relayhost [mailhub.example.com]
edge postfix-out -> recipient MX: default_transport smtp
edge postfix-in -> filter: default_transport smtp:[127.0.0.1]:10025
edge postfix-in -> filter: relay_transport smtp:[127.0.0.1]:10025
edge postfix-in -> filter: virtual_transport smtp:[127.0.0.1]:10025
edge filter -> postfix-out: forwards_to 127.0.0.1:10026'

step "plan of the example: no flow warnings"
pmr plan -f "$example"
expect_status 0
expect_err_empty

step "apply the example"
setup "$example"

step "graph -f: the exact text graph"
pmr graph -f "$example"
expect_status 0
expect_eq "graph -f content-filter.yaml" "$graph" "$(cat "$OUT")"

step "graph of the host alone: the filter is not known, its port dangles"
pmr graph
expect_status 0
expect_out_line 'edge postfix-in -> [127.0.0.1]:10025: default_transport smtp:[127.0.0.1]:10025 (nobody listens there)'
expect_out_lacks 'endpoint filter'

step "dot renders with dot -Tsvg"
pmr graph -f "$example" --format dot
expect_status 0
expect_out_has 'digraph mail_flow {'
cp "$OUT" flow.dot
must dot -Tsvg -o flow.svg flow.dot
grep -q '<svg' flow.svg || fail "dot -Tsvg wrote no SVG"

step "svg through pmreconcile"
pmr graph -f "$example" --format svg
expect_status 0
expect_out_has '<svg'
expect_out_has 'postfix&#45;in'

step "json reads with python3"
pmr graph -f "$example" --format json
expect_status 0
cp "$OUT" flow.json
cat >check-json.py <<'PY'
import json, sys
graph = json.load(open(sys.argv[1]))
assert graph["format_version"] == "1.0", graph["format_version"]
assert [i["name"] for i in graph["instances"]] == ["primary", "postfix-out", "postfix-in"]
assert graph["endpoints"] == [{"name": "filter", "listen": "127.0.0.1:10025",
                               "forwards_to": "127.0.0.1:10026"}], graph["endpoints"]
edges = {(e["from"], e["to"], e["parameter"]) for e in graph["edges"]}
assert ("postfix-in", "filter", "default_transport") in edges, edges
assert ("filter", "postfix-out", "forwards_to") in edges, edges
assert not any(e["dangling"] for e in graph["edges"])
print("json: format_version", graph["format_version"], "with", len(graph["edges"]), "edges")
PY
must python3 check-json.py flow.json

step "svg without dot: a clear error"
mkdir -m 0755 nodot && ln -s "$(command -v postconf)" nodot/postconf
PATH=$E2E_TMP/nodot run "$PMRECONCILE" graph --format svg
expect_status 1
expect_err_has "pmreconcile: error: --format svg needs Graphviz's dot (Debian package graphviz): execute dot: No such file or directory"

step "stop the instances the example's running: true started"
must "$PMRECONCILE" postfix -- stop
expect_no_masters
