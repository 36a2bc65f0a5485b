#!/usr/bin/env bash
# apply without --auto-approve refuses when standard input is not a terminal to ask on (from
# /dev/null or a pipe, even one saying yes): exit 1, and nothing under /etc, /var/spool or
# /var/lib changes. With --auto-approve the same manifest applies.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest m.yaml <<'YAML'
version: 1
instances:
  - name: postfix-new
    enable: true
YAML
refusal="pmreconcile: error: not applying without --auto-approve: standard input is not a terminal to ask on"

snapshot before

step "stdin /dev/null: refused"
pmr apply -f m.yaml
expect_status 1
expect_err "$refusal"
expect_out_line "  + 2. create postfix-new (/etc/postfix-new)"
expect_out_lacks "[1/"
expect_unchanged before

step "stdin a pipe saying yes: refused"
LAST_COMMAND="yes | pmreconcile apply -f m.yaml"
yes 2>/dev/null | "$PMRECONCILE" apply -f m.yaml >"$OUT" 2>"$ERR"
STATUS=$?
expect_status 1
expect_err "$refusal"
expect_unchanged before
[ ! -e /etc/postfix-new ] || fail "/etc/postfix-new was created"

step "--auto-approve: applied"
pmr apply -f m.yaml --auto-approve
expect_status 0
run postmulti -l -i postfix-new
expect_out "postfix-new     -               y         /etc/postfix-new"
