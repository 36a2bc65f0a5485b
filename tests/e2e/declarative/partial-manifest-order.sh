#!/usr/bin/env bash
# A manifest orders only the instances it lists (pmreconcile.yaml(5), ORDER): with postfix-in,
# postfix-out and postfix-audit on the host, a manifest listing only postfix-audit plans nothing;
# one listing postfix-audit, a new postfix-relay and postfix-in swaps the two listed ones, leaves
# postfix-out in its place and puts postfix-relay right after postfix-audit. Real postmulti -l then
# lists that order, and a second plan is empty.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest three.yaml <<'YAML'
version: 1
instances:
  - name: postfix-in
  - name: postfix-out
  - name: postfix-audit
YAML
manifest audit.yaml <<'YAML'
version: 1
unmanaged: keep
instances:
  - name: postfix-audit
YAML
manifest relay.yaml <<'YAML'
version: 1
unmanaged: keep
instances:
  - name: postfix-audit
  - name: postfix-relay
  - name: postfix-in
YAML

step "set the scene: postfix-in, postfix-out, postfix-audit"
setup three.yaml
expect_cf /etc/postfix multi_instance_directories "/etc/postfix-in /etc/postfix-out /etc/postfix-audit"
snapshot three

step "a manifest listing only postfix-audit: nothing to do, nothing moved"
pmr plan -f audit.yaml --detailed-exitcode
expect_status 0
expect_eq "planned steps" "" "$(plan_steps)"
pmr apply -f audit.yaml --auto-approve
expect_status 0
expect_unchanged three

step "postfix-audit, a new postfix-relay, postfix-in: the listed ones move, postfix-out stays"
pmr plan -f relay.yaml
expect_status 0
expect_steps "  + 1. create postfix-relay (/etc/postfix-relay)
  ~ 2. reorder - (/etc/postfix)"
expect_out_line '        multi_instance_directories: "/etc/postfix-in /etc/postfix-out /etc/postfix-audit /etc/postfix-relay" -> "/etc/postfix-audit /etc/postfix-relay /etc/postfix-out /etc/postfix-in"'
pmr apply -f relay.yaml --auto-approve
expect_status 0
expect_cf /etc/postfix multi_instance_directories "/etc/postfix-audit /etc/postfix-relay /etc/postfix-out /etc/postfix-in"
run postmulti -l
expect_status 0
expect_eq "postmulti -l, in start order" "postfix-audit
postfix-relay
postfix-out
postfix-in" "$(awk '$1 != "-" { print $1 }' "$OUT")"

step "a second plan is empty"
pmr plan -f relay.yaml --detailed-exitcode
expect_status 0
pmr plan -f audit.yaml --detailed-exitcode
expect_status 0
