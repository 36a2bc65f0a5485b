#!/usr/bin/env bash
# A Postfix command of an instance failing in the middle of a plan (#13): `postfix reload` or
# `postfix stop` refused by Postfix because of a broken master.cf, and a reload refused because
# the manifest set a parameter Postfix rejects. Each row asserts the exact error, exit 1 and the
# "Apply stopped after N of M steps" line, that no main.cf is torn, no queued message lost and
# nothing left locked; that the failed step is not replayed blindly (the next apply plans again
# from the host as it is) while the reloads still owed are carried into the next plan; that a
# second apply without the fix fails the same way and changes nothing; and that after the fix
# the next apply converges and a following plan is empty.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

journal=/var/lib/pmreconcile/etc-postfix/journal.json

# two_instances FILE S1_HOSTNAME S2 [S1_PARAMETER]: a manifest of postfix-s1 and postfix-s2,
# enabled; S2 is postfix-s2's myhostname, or "absent". The masters run without inet services
# (no port to find) and without pickup, so that the message in postfix-s1's maildrop stays
# there for as long as the test looks at it.
two_instances() {
    local common='master_service_disable: inet pickup.unix, authorized_submit_users: root'
    {
        printf 'version: 1\ninstances:\n'
        printf '  - name: postfix-s1\n    enable: true\n'
        printf '    parameters: {myhostname: %s, %s%s}\n' "$2" "$common" "${4:+, $4}"
        if [ "$3" = absent ]; then
            printf '  - name: postfix-s2\n    state: absent\n'
        else
            printf '  - name: postfix-s2\n    enable: true\n'
            printf '    parameters: {myhostname: %s, %s}\n' "$3" "$common"
        fi
    } | manifest "$1"
}
two_instances base.yaml s1.example.com s2.example.com
two_instances next.yaml s1-next.example.com s2-next.example.com
# default_process_limit must be a number: `postfix reload` refuses the main.cf.
two_instances rejected.yaml s1-next.example.com s2-next.example.com "default_process_limit: abc"
two_instances corrected.yaml s1-next.example.com s2-next.example.com "default_process_limit: 50"
two_instances without-s2.yaml s1-next.example.com absent "default_process_limit: 50"

step "set the scene: postfix-s1 and postfix-s2 running, a message in postfix-s1's maildrop"
setup base.yaml
start /etc/postfix-s1
start /etc/postfix-s2
s1_master=$(master_pid /etc/postfix-s1)
s2_master=$(master_pid /etc/postfix-s2)
# alive PID NAME: the master still runs (`postfix status` cannot tell: it refuses a broken
# master.cf as reload does).
alive() { kill -0 "$1" 2>/dev/null || fail "$2's master ($1) is gone"; }
printf 'From: root\nTo: nobody@example.invalid\nSubject: keep\n\nkeep me\n' |
    MAIL_CONFIG=/etc/postfix-s1 sendmail -t || fail "sendmail failed"
queued=$(cd /var/spool/postfix-s1 && find maildrop -type f | sort)
[ -n "$queued" ] || fail "no message in maildrop"

# no_damage: every main.cf parses and holds its expected myhostname, the message is where it
# was, the run lock is free.
no_damage() {
    local dir
    for dir in /etc/postfix-s1 /etc/postfix-s2; do
        postconf -c "$dir" -n >/dev/null 2>"$E2E_TMP/postconf.err" ||
            grep -q 'master.cf' "$E2E_TMP/postconf.err" || fail "$dir/main.cf does not parse"
    done
    expect_cf /etc/postfix-s1 myhostname "$1"
    expect_cf /etc/postfix-s2 myhostname "$2"
    expect_eq "postfix-s1's queued message" "$queued" \
        "$(cd /var/spool/postfix-s1 && find maildrop -type f | sort)"
    flock -n -x /var/lib/pmreconcile/etc-postfix/lock true || fail "the run lock is held"
}

# expect_owed DIR...: the journal holds no step in progress and owes exactly these reloads.
expect_owed() {
    local want
    want=$(printf '%s\n' "$@")
    expect_eq "the owed reloads in $journal" "$want" "$(python3 -c '
import json, sys
entry = json.load(open(sys.argv[1]))
assert entry["format_version"] == "2.0", entry
assert entry["step"] == "" and entry["operations"] == [], entry
for owed in entry["owed"]:
    assert owed["kind"] == "reload", owed
    print(owed["config_directory"])' "$journal")"
    [ "$(stat -c '%U %a' "$journal")" = "root 600" ] || fail "the journal is not root's, mode 0600"
}

# converges MANIFEST: apply succeeds, a second plan is empty, no journal is left.
converges() {
    pmr apply -f "$1" --auto-approve
    expect_status 0 "the apply after the fix"
    pmr plan -f "$1" --detailed-exitcode
    expect_status 0 "the plan after the apply that followed the fix"
    [ ! -e "$journal" ] || fail "a journal was left"
}

reload_failed() {
    echo "step $1 (! reload postfix-s1 (/etc/postfix-s1)) failed: postfix -c /etc/postfix-s1 reload failed with exit status 1"
}

step "postfix reload fails: postfix-s1's master.cf is broken"
cp /etc/postfix-s1/master.cf "$E2E_TMP/master.cf.good"
echo "garbage line here" >>/etc/postfix-s1/master.cf
broken_line=$(wc -l </etc/postfix-s1/master.cf)
pmr apply -f next.yaml --auto-approve
expect_status 1
expect_applied "[1/4] ~ configure postfix-s1 (/etc/postfix-s1)
[2/4] ~ configure postfix-s2 (/etc/postfix-s2)
[3/4] ! reload postfix-s1 (/etc/postfix-s1)"
expect_err_line "/usr/sbin/postconf: fatal: file /etc/postfix-s1/master.cf: line $broken_line: bad field count"
expect_err_line "pmreconcile: error: $(reload_failed 3)"
expect_out_line "Apply stopped after 2 of 4 steps: $(reload_failed 3)"
no_damage s1-next.example.com s2-next.example.com
expect_owed /etc/postfix-s1 /etc/postfix-s2
alive "$s1_master" postfix-s1
alive "$s2_master" postfix-s2

step "plan: the failed reload is not replayed blindly; both owed reloads are carried, with notes"
pmr plan -f next.yaml
expect_status 0
expect_steps "  ! 1. reload postfix-s1 (/etc/postfix-s1)
  ! 2. reload postfix-s2 (/etc/postfix-s2)"
expect_out_line "Note: postfix-s1 (/etc/postfix-s1) still owes a reload: an earlier apply changed its configuration and stopped before the reload succeeded."
expect_out_line "Note: postfix-s2 (/etc/postfix-s2) still owes a reload: an earlier apply changed its configuration and stopped before the reload succeeded."
pmr plan -f next.yaml --json
expect_status 0
expect_out_has '"kind":"reload","symbol":"!","instance":"postfix-s2"'

pmr plan -f next.yaml --out "$E2E_TMP/owed.json"
expect_status 0

step "a second apply without the fix fails the same way and changes nothing"
before=$(sha256sum /etc/postfix-s1/main.cf /etc/postfix-s2/main.cf /etc/postfix-s1/master.cf)
pmr apply -f next.yaml --auto-approve
expect_status 1
expect_applied "[1/2] ! reload postfix-s1 (/etc/postfix-s1)"
expect_err_line "pmreconcile: error: $(reload_failed 1)"
expect_out_line "Apply stopped after 0 of 2 steps: $(reload_failed 1)"
expect_eq "the files" "$before" \
    "$(sha256sum /etc/postfix-s1/main.cf /etc/postfix-s2/main.cf /etc/postfix-s1/master.cf)"
no_damage s1-next.example.com s2-next.example.com
expect_owed /etc/postfix-s1 /etc/postfix-s2

step "after master.cf is repaired, the saved plan of the owed reloads runs exactly as saved"
cp "$E2E_TMP/master.cf.good" /etc/postfix-s1/master.cf
pmr apply "$E2E_TMP/owed.json"
expect_status 0
expect_applied "[1/2] ! reload postfix-s1 (/etc/postfix-s1)
[2/2] ! reload postfix-s2 (/etc/postfix-s2)
Apply complete: 0 created, 0 changed, 0 destroyed."
converges next.yaml
no_damage s1-next.example.com s2-next.example.com

step "the plan saved while the reloads were owed is now stale (no reload is owed any more)"
pmr apply "$E2E_TMP/owed.json"
expect_status 1
expect_err_has "the saved plan is stale"
expect_err_line "  - 1. reload postfix-s1 (/etc/postfix-s1)"

step "a reload Postfix refuses: the manifest sets default_process_limit = abc"
pmr apply -f rejected.yaml --auto-approve
expect_status 1
expect_applied "[1/2] ~ configure postfix-s1 (/etc/postfix-s1)
[2/2] ! reload postfix-s1 (/etc/postfix-s1)"
expect_err_line "pmreconcile: error: $(reload_failed 2)"
expect_out_line "Apply stopped after 1 of 2 steps: $(reload_failed 2)"
expect_cf /etc/postfix-s1 default_process_limit abc
no_damage s1-next.example.com s2-next.example.com
expect_owed /etc/postfix-s1

step "a second apply of the same manifest fails the same way and changes nothing"
before=$(sha256sum /etc/postfix-s1/main.cf /etc/postfix-s2/main.cf)
pmr apply -f rejected.yaml --auto-approve
expect_status 1
expect_applied "[1/1] ! reload postfix-s1 (/etc/postfix-s1)"
expect_err_line "pmreconcile: error: $(reload_failed 1)"
expect_out_line "Apply stopped after 0 of 1 step: $(reload_failed 1)"
expect_eq "the main.cf files" "$before" "$(sha256sum /etc/postfix-s1/main.cf /etc/postfix-s2/main.cf)"
no_damage s1-next.example.com s2-next.example.com
expect_owed /etc/postfix-s1

step "killed during that reload: the replay fails too, and is then not tried again blindly"
# What apply leaves when it is killed (SIGKILL, a crash) in the reload step: the step, and the
# reload postfix-s1 owes.
install -m 0600 /dev/null "$journal"
printf '%s' '{"format_version":"2.0","step":"! reload postfix-s1 (/etc/postfix-s1)",' \
    '"operations":[{"op":"run_postfix","config_directory":"/etc/postfix-s1","command":"reload"}],' \
    '"owed":[{"kind":"reload","config_directory":"/etc/postfix-s1"}]}' >"$journal"
pmr apply -f corrected.yaml --auto-approve
expect_status 1
expect_out "Finishing an interrupted apply: ! reload postfix-s1 (/etc/postfix-s1)"
expect_err "pmreconcile: note: an interrupted apply left a step unfinished (! reload postfix-s1 (/etc/postfix-s1)); the next apply finishes it before anything else
pmreconcile: error: could not finish the interrupted step (! reload postfix-s1 (/etc/postfix-s1)): postfix -c /etc/postfix-s1 reload failed with exit status 1
pmreconcile: fix the cause and run apply again: it plans again from the host as it is"
no_damage s1-next.example.com s2-next.example.com
expect_owed /etc/postfix-s1

step "the corrected manifest is planned from the host as it is, and converges"
pmr apply -f corrected.yaml --auto-approve
expect_status 0
expect_applied "[1/2] ~ configure postfix-s1 (/etc/postfix-s1)
[2/2] ! reload postfix-s1 (/etc/postfix-s1)
Apply complete: 0 created, 1 changed, 0 destroyed."
converges corrected.yaml
expect_cf /etc/postfix-s1 default_process_limit 50
no_damage s1-next.example.com s2-next.example.com

step "postfix stop fails: postfix-s2, to be destroyed, has a broken master.cf"
cp /etc/postfix-s2/master.cf "$E2E_TMP/s2-master.cf.good"
echo "garbage line here" >>/etc/postfix-s2/master.cf
broken_line=$(wc -l </etc/postfix-s2/master.cf)
pmr apply -f without-s2.yaml --auto-approve
expect_status 1
expect_err_line "/usr/sbin/postconf: fatal: file /etc/postfix-s2/master.cf: line $broken_line: bad field count"
stop_failed="step 1 (! stop postfix-s2 (/etc/postfix-s2)) failed: postfix -c /etc/postfix-s2 stop failed with exit status 1"
expect_err_line "pmreconcile: error: $stop_failed"
expect_out_line "Apply stopped after 0 of 3 steps: $stop_failed"
[ ! -e "$journal" ] || fail "a journal was left: nothing is owed after a failed stop"
no_damage s1-next.example.com s2-next.example.com
alive "$s2_master" postfix-s2
cp "$E2E_TMP/s2-master.cf.good" /etc/postfix-s2/master.cf
pmr apply -f without-s2.yaml --auto-approve
expect_status 0
expect_applied "[1/3] ! stop postfix-s2 (/etc/postfix-s2)
[2/3] ~ disable postfix-s2 (/etc/postfix-s2)
[3/3] - destroy postfix-s2 (/etc/postfix-s2)
Apply complete: 0 created, 1 changed, 1 destroyed, 1 stopped."
expect_ended "$s2_master"
converges without-s2.yaml
[ ! -e /etc/postfix-s2 ] || fail "postfix-s2 was not destroyed"
expect_eq "postfix-s1's queued message" "$queued" \
    "$(cd /var/spool/postfix-s1 && find maildrop -type f | sort)"

must postfix -c /etc/postfix-s1 stop
expect_no_masters
