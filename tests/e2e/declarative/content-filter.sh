#!/usr/bin/env bash
# Postfix's content-filter walk-through (examples/content-filter.yaml) end to end with real mail
# (#16): one apply on a fresh host makes and starts (`running: true`) the null-client primary,
# postfix-out (re-injection on 127.0.0.1:10026) and postfix-in (127.0.0.1:25, everything to the
# filter on 127.0.0.1:10025); with tests/e2e/smtp-proxy as the filter, a message sent to postfix-in
# with SMTP passes the filter and is delivered by postfix-out; a second apply does nothing; check
# exits 0; a hand edit of postfix-out's re-injection service is drift that check names (exit 2);
# export --with-services --with-parameters, planned, finds nothing to do; `running: false` stops
# postfix-in while the filter is down and its deferred message stays queued; `running: true`
# again, and it is delivered.
#
# Delivery is observed without syslog (there is none in the sandbox): the test's copy of the
# example gives each instance a maillog_file under its data directory and sends postfix-out's
# example.com mail to discard: (no DNS, no outside host), so "delivered" is postfix-out's log line
# `QUEUE_ID: to=<...>, ..., status=sent` for the message's Message-ID.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

example=$E2E_TOP/examples/content-filter.yaml
proxy=$E2E_TOP/tests/e2e/smtp-proxy
in=/etc/postfix-in out=/etc/postfix-out
in_log=/var/lib/postfix-in/maillog out_log=/var/lib/postfix-out/maillog
no_changes="No changes: the host matches the manifest."
proxy_pid=

# ---- mail -------------------------------------------------------------------------------------

# cleanup: stops the filter proxy and every master this test started (also when it failed).
cleanup() {
    stop_proxy
    local dir
    for dir in /etc/postfix $(postconf -h multi_instance_directories 2>/dev/null); do
        running "$dir" && postfix -c "$dir" stop >/dev/null 2>&1
    done
    for _ in $(seq 1 600); do [ -z "$(masters_here)" ] && break; sleep 0.1; done
}
trap 'rc=$?; cleanup; _e2e_exit "$rc"' EXIT

# await WHAT CMD...: runs CMD every 0.1 s until it succeeds, for at most 60 s (a loaded machine
# may take seconds); the verdict is whether it happened at all, never how fast.
await() {
    local what=$1 i
    shift
    for ((i = 0; i < 600; i++)); do
        "$@" && return 0
        sleep 0.1
    done
    show_mail_state
    fail "$what: not after 60 s"
}

show_mail_state() {
    local f
    for f in "$in_log" "$out_log" "$E2E_TMP/proxy.log"; do
        printf -- '--- %s:\n' "$f"
        tail -n 30 "$f" 2>/dev/null
    done
    printf -- '--- queue files:\n'
    find /var/spool/postfix-in /var/spool/postfix-out \
        \( -path '*/incoming/*' -o -path '*/active/*' -o -path '*/deferred/*' \
        -o -path '*/hold/*' -o -path '*/maildrop/*' \) -type f 2>/dev/null
}

start_proxy() {
    rm -f "$E2E_TMP/proxy.ready"
    "$proxy" --listen 127.0.0.1:10025 --next-hop 127.0.0.1:10026 \
        --ready "$E2E_TMP/proxy.ready" --log "$E2E_TMP/proxy.log" &
    proxy_pid=$!
    await "the filter proxy listening on 127.0.0.1:10025" proxy_ready
}
proxy_ready() {
    [ -e "$E2E_TMP/proxy.ready" ] && return 0
    kill -0 "$proxy_pid" 2>/dev/null || fail "the filter proxy ended before it listened"
    return 1
}
stop_proxy() {
    [ -n "$proxy_pid" ] || return 0
    kill "$proxy_pid" 2>/dev/null
    wait "$proxy_pid" 2>/dev/null
    proxy_pid=
}

# send_mail MESSAGE_ID: one message for user@example.com, with SMTP to postfix-in (127.0.0.1:25).
send_mail() {
    printf '+ send_mail %s\n' "$1"
    python3 - "$1" <<'PY' || fail "postfix-in did not accept the message <$1>"
import smtplib
import sys

message = ("From: <sender@example.org>\r\nTo: <user@example.com>\r\n"
           "Message-ID: <%s>\r\nSubject: content filter test\r\n\r\nthrough the filter\r\n"
           % sys.argv[1])
with smtplib.SMTP("127.0.0.1", 25, timeout=60) as client:
    client.sendmail("sender@example.org", ["user@example.com"], message)
PY
}

# queue_id LOG MESSAGE_ID: the queue ID the instance logging to LOG gave the message.
queue_id() {
    sed -n "s/.*: \([0-9A-Za-z]\{6,\}\): message-id=<$2>.*/\1/p" "$1" 2>/dev/null | tail -n 1
}

# logged_status LOG MESSAGE_ID STATUS: the instance delivered the message with that status.
logged_status() {
    local id
    id=$(queue_id "$1" "$2")
    [ -n "$id" ] && grep -q ": $id: to=<user@example.com>,.* status=$3 " "$1"
}
delivered_by_out() { logged_status "$out_log" "$1" sent; }
deferred_in_postfix_in() { logged_status "$in_log" "$1" deferred; }

# queued_in_postfix_in MESSAGE_ID: postfix-in's queue holds the message's file.
queued_in_postfix_in() {
    local id
    id=$(queue_id "$in_log" "$1")
    [ -n "$id" ] && find /var/spool/postfix-in/incoming /var/spool/postfix-in/active \
        /var/spool/postfix-in/deferred -type f -name "$id" | grep -q .
}

# ---- the scene --------------------------------------------------------------------------------

step "the test's copy of the example: postfix-out discards example.com mail, both log to files"
python3 - "$example" cf.yaml cf-in-stopped.yaml <<'PY' || fail "cannot derive the test manifest"
import sys
import yaml

with open(sys.argv[1]) as f:
    manifest = yaml.safe_load(f)
instances = {instance["name"]: instance for instance in manifest["instances"]}
instances["postfix-out"]["parameters"].update({
    "transport_maps": "inline:{example.com=discard:, .example.com=discard:}",
    "maillog_file": "/var/lib/postfix-out/maillog"})
instances["postfix-in"]["parameters"]["maillog_file"] = "/var/lib/postfix-in/maillog"
with open(sys.argv[2], "w") as f:
    yaml.safe_dump(manifest, f, sort_keys=False)
instances["postfix-in"]["running"] = False
with open(sys.argv[3], "w") as f:
    yaml.safe_dump(manifest, f, sort_keys=False)
PY
pmr validate -f cf.yaml
expect_status 0
pmr validate -f "$example"
expect_status 0

step "one apply on a fresh host: init, two creates, their parameters and services, enables, starts"
run postmulti -l
expect_out "-               -               y         /etc/postfix"
pmr apply -f cf.yaml --auto-approve
expect_status 0
expect_applied "[1/11] ~ init - (/etc/postfix)
[2/11] + create postfix-out (/etc/postfix-out)
[3/11] + create postfix-in (/etc/postfix-in)
[4/11] ~ configure - (/etc/postfix)
[5/11] ~ configure postfix-out (/etc/postfix-out)
[6/11] ~ configure postfix-in (/etc/postfix-in)
[7/11] ~ enable postfix-out (/etc/postfix-out)
[8/11] ~ enable postfix-in (/etc/postfix-in)
[9/11] ! start - (/etc/postfix)
[10/11] ! start postfix-out (/etc/postfix-out)
[11/11] ! start postfix-in (/etc/postfix-in)
Apply complete: 2 created, 6 changed, 0 destroyed, 3 started."
run postmulti -l
expect_out "-               -               y         /etc/postfix
postfix-out     mta             y         /etc/postfix-out
postfix-in      mta             y         /etc/postfix-in"
run postconf -c "$out" -M 127.0.0.1:10026/inet smtp/inet
expect_out "127.0.0.1:10026 inet n   -       n       -       -       smtpd"
expect_cf "$in" default_transport "smtp:[127.0.0.1]:10025"

step "the three instances run"
for dir in /etc/postfix "$out" "$in"; do expect_running "$dir"; done

step "a message sent to postfix-in passes the filter and is delivered by postfix-out"
start_proxy
send_mail cf-1@test.example.org
await "postfix-out delivering <cf-1@test.example.org>" delivered_by_out cf-1@test.example.org
grep -q "^forwarded <sender@example.org> to <user@example.com> (250)$" "$E2E_TMP/proxy.log" ||
    { show_mail_state; fail "the filter did not forward the message"; }
logged_status "$in_log" cf-1@test.example.org sent ||
    { show_mail_state; fail "postfix-in did not log handing the message to the filter"; }

step "a second apply: nothing to do; check: no drift"
pmr apply -f cf.yaml --auto-approve
expect_status 0
expect_out "$no_changes"
pmr check -f cf.yaml
expect_status 0

step "a hand edit of postfix-out's re-injection service is drift, named"
must postconf -c "$out" -Me '127.0.0.1:10026/inet=127.0.0.1:10026 inet n - n - 5 smtpd'
pmr check -f cf.yaml
expect_status 2
expect_steps "  ~ 1. configure postfix-out (/etc/postfix-out)
  ! 2. reload postfix-out (/etc/postfix-out)"
expect_out_line '        service 127.0.0.1:10026/inet: "n - n - 5 smtpd" -> "n - n - - smtpd"'
step "apply repairs it and reloads the running postfix-out"
pmr apply -f cf.yaml --auto-approve
expect_status 0
expect_applied "[1/2] ~ configure postfix-out (/etc/postfix-out)
[2/2] ! reload postfix-out (/etc/postfix-out)
Apply complete: 0 created, 1 changed, 0 destroyed."
run postconf -c "$out" -M 127.0.0.1:10026/inet
expect_out "127.0.0.1:10026 inet n   -       n       -       -       smtpd"
expect_running "$out"
pmr check -f cf.yaml
expect_status 0

step "export --with-services --with-parameters, then plan of the export: nothing to do"
pmr export --with-services --with-parameters -o exported.yaml
expect_status 0
grep -q '"127.0.0.1:10026/inet":' exported.yaml || fail "the export lacks the re-injection service"
pmr plan -f exported.yaml --detailed-exitcode
expect_status 0
expect_out "$no_changes"

step "running: false stops postfix-in while the filter is down; its message stays queued"
stop_proxy
send_mail cf-2@test.example.org
await "postfix-in deferring <cf-2@test.example.org> (the filter is down)" \
    deferred_in_postfix_in cf-2@test.example.org
pmr apply -f cf-in-stopped.yaml --auto-approve
expect_status 0
expect_applied "[1/1] ! stop postfix-in (/etc/postfix-in)
Apply complete: 0 created, 0 changed, 0 destroyed, 1 stopped."
expect_stopped "$in"
expect_running "$out"
queued_in_postfix_in cf-2@test.example.org ||
    { show_mail_state; fail "postfix-in's queue lost the message when it stopped"; }
pmr check -f cf.yaml
expect_status 2
expect_out_has "! 1. start postfix-in (/etc/postfix-in)"

step "running: true again: postfix-in starts and the message is delivered"
start_proxy
pmr apply -f cf.yaml --auto-approve
expect_status 0
expect_applied "[1/1] ! start postfix-in (/etc/postfix-in)
Apply complete: 0 created, 0 changed, 0 destroyed, 1 started."
expect_running "$in"
must postqueue -c "$in" -f
await "postfix-out delivering <cf-2@test.example.org>" delivered_by_out cf-2@test.example.org
await "postfix-in's queue emptying" eval '! queued_in_postfix_in cf-2@test.example.org'

step "stop the filter and every instance"
cleanup
expect_no_masters
