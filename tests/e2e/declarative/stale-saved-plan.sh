#!/usr/bin/env bash
# A saved plan is refused when a main.cf changed since it was made (even a parameter the plan
# does not touch), naming the file and the steps that would now differ; unchanged, it applies;
# once applied it is stale (it cannot be applied twice).
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest one.yaml <<'YAML'
version: 1
instances:
  - name: postfix-one
    group: mta
    enable: true
YAML
stale="pmreconcile: error: p.json: the saved plan is stale: the host changed since it was made; run 'pmreconcile plan' again"

step "plan --out p.json, then the primary's main.cf changes"
pmr plan -f one.yaml --out p.json
expect_status 0
expect_out_line "Saved the plan to p.json; run 'pmreconcile apply p.json' to carry it out."
[ -f p.json ] || fail "p.json was not written"
must postconf -c /etc/postfix -e something=x
snapshot edited

step "apply p.json: refused as stale, nothing changed"
pmr apply p.json
expect_status 1
expect_err "$stale
  changed: /etc/postfix/main.cf"
expect_out_empty
expect_unchanged edited
[ ! -e /etc/postfix-one ] || fail "/etc/postfix-one was created"

step "a fresh plan, left as it is: applies"
pmr plan -f one.yaml --out p.json
expect_status 0
pmr apply p.json
expect_status 0
expect_out_line "Apply complete: 1 created, 2 changed, 0 destroyed."
run postmulti -l -i postfix-one
expect_status 0
expect_out "postfix-one     mta             y         /etc/postfix-one"

step "the same saved plan again: stale, with the steps it would no longer take"
snapshot applied
pmr apply p.json
expect_status 1
expect_err_line "$stale"
expect_err_line "  changed: /etc/postfix/main.cf"
expect_err_line "  new: /etc/postfix-one/main.cf"
expect_err_line "  steps that would now differ (- saved, + now):"
expect_err_has "  - 2. create postfix-one (/etc/postfix-one)"
expect_unchanged applied

step "a saved plan made with no changes to make is stale once the host changes"
pmr plan -f one.yaml --out empty.json
expect_status 0
expect_out_line "No changes: the host matches the manifest."
must postconf -c /etc/postfix-one -e myhostname=changed.example.com
pmr apply empty.json
expect_status 1
expect_err "${stale//p.json/empty.json}
  changed: /etc/postfix-one/main.cf"
