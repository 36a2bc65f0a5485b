#!/usr/bin/env bash
# Two instances swap names: the plan goes through a temporary name, the end state is right, and
# Postfix's own postmulti reads the host without error afterwards.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest before.yaml <<'YAML'
version: 1
instances:
  - name: postfix-a
    group: ga
    enable: true
    config_directory: /etc/postfix-a
  - name: postfix-b
    group: gb
    config_directory: /etc/postfix-b
YAML
manifest swapped.yaml <<'YAML'
version: 1
instances:
  - name: postfix-b
    group: ga
    enable: true
    config_directory: /etc/postfix-a
  - name: postfix-a
    group: gb
    config_directory: /etc/postfix-b
YAML

step "set the scene"
setup before.yaml
ino_a=$(inode /etc/postfix-a) ino_b=$(inode /etc/postfix-b)

step "plan: three assign steps through a temporary name"
pmr plan -f swapped.yaml
expect_status 0
expect_steps "  ~ 1. assign postfix-a (/etc/postfix-a)
  ~ 2. assign postfix-b (/etc/postfix-b)
  ~ 3. assign postfix-pmreconcile-swap-1 (/etc/postfix-a)"
expect_out_line '        multi_instance_name: "postfix-a" -> "postfix-pmreconcile-swap-1"'
expect_out_line '        multi_instance_name: "postfix-b" -> "postfix-a"'
expect_out_line '        multi_instance_name: "postfix-pmreconcile-swap-1" -> "postfix-b"'
expect_out_line "Plan: 0 to create, 3 to change, 0 to destroy."

step "apply"
pmr apply -f swapped.yaml --auto-approve
expect_status 0

step "Postfix's own postmulti: swapped names, nothing else changed"
run postmulti -l
expect_status 0
expect_err_empty
expect_out "-               -               y         /etc/postfix
postfix-b       ga              y         /etc/postfix-a
postfix-a       gb              n         /etc/postfix-b"
run postmulti -i postfix-a -l
expect_status 0
expect_out "postfix-a       gb              n         /etc/postfix-b"
run postmulti -i postfix-b -x postconf -h multi_instance_name
expect_status 0
expect_out "postfix-b"
run postmulti -p check
expect_status 0 "postmulti -p check"
expect_eq "inode of /etc/postfix-a" "$ino_a" "$(inode /etc/postfix-a)"
expect_eq "inode of /etc/postfix-b" "$ino_b" "$(inode /etc/postfix-b)"
expect_cf /etc/postfix-a queue_directory /var/spool/postfix-a
! grep -rq pmreconcile-swap /etc/postfix /etc/postfix-a /etc/postfix-b ||
    fail "the temporary name was left behind"

step "plan again: nothing to do"
pmr plan -f swapped.yaml --detailed-exitcode
expect_status 0
expect_out "No changes: the host matches the manifest."

step "swap back"
pmr apply -f before.yaml --auto-approve
expect_status 0
expect_out_line "Apply complete: 0 created, 3 changed, 0 destroyed."
run postmulti -l
expect_status 0
expect_out "-               -               y         /etc/postfix
postfix-a       ga              y         /etc/postfix-a
postfix-b       gb              n         /etc/postfix-b"
