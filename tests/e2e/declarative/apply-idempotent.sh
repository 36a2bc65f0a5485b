#!/usr/bin/env bash
# apply twice: the second apply (from the manifest or from a saved plan) says there is nothing
# to do, exits 0 and changes no byte, mtime or ctime under /etc, /var/spool or /var/lib; a
# running instance is neither reloaded nor restarted.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest m.yaml <<'YAML'
version: 1
primary:
  parameters:
    relayhost: "[192.0.2.1]:587"
    # Its smtp would share *:25 with postfix-a's (a listener conflict plan refuses).
    master_service_disable: inet
unmanaged: keep
instances:
  - name: postfix-a
    group: mta
    enable: true
    parameters:
      myhostname: a.example.com
      smtpd_banner: $myhostname ESMTP
      master_service_disable: ""
  - name: postfix-b
    group: null-clients
    enable: false
    parameters:
      relayhost: "[127.0.0.1]"
      obsolete_setting: null
YAML
no_changes="No changes: the host matches the manifest."

step "first apply"
pmr apply -f m.yaml --auto-approve
expect_status 0
expect_out_line "Apply complete: 2 created, 5 changed, 0 destroyed."
prepare_ports /etc/postfix-a
start /etc/postfix-a
pid=$(master_pid /etc/postfix-a)
sleep 1.1   # so that any rewrite would show in the (1 s granular on some filesystems) mtimes
snapshot applied

step "second apply: nothing to do, nothing written"
pmr apply -f m.yaml --auto-approve
expect_status 0
expect_out "$no_changes"
expect_err_empty
expect_unchanged applied

step "without --auto-approve and no terminal: still nothing to do, exit 0"
pmr apply -f m.yaml
expect_status 0
expect_out "$no_changes"
expect_unchanged applied

step "a saved plan of nothing to do"
pmr plan -f m.yaml --out "$E2E_TMP/p.json"
expect_status 0
pmr apply "$E2E_TMP/p.json"
expect_status 0
expect_out "$no_changes"
expect_err_empty
expect_unchanged applied
expect_eq "postfix-a's master" "$pid" "$(master_pid /etc/postfix-a)"

step "stop postfix-a"
must postfix -c /etc/postfix-a stop
expect_no_masters
