#!/usr/bin/env bash
# A destroy is refused while the instance's queue holds a real message: plan shows the refusal,
# apply exits 1, and the queue file, the instance's listing, enable flag and running master are
# all left exactly as they were.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest present.yaml <<'YAML'
version: 1
instances:
  - name: postfix-q
    enable: true
    parameters:
      authorized_submit_users: root
      defer_transports: smtp
YAML
manifest absent.yaml <<'YAML'
version: 1
instances:
  - name: postfix-q
    state: absent
YAML

# queue_files: every file in the instance's queues, with its SHA-256.
queue_files() {
    (cd /var/spool/postfix-q && find maildrop incoming active deferred hold corrupt -type f -print0 |
        sort -z | xargs -0r sha256sum)
}
send() {
    printf 'From: root\nTo: nobody@example.invalid\nSubject: %s\n\nkeep me\n' "$1" |
        MAIL_CONFIG=/etc/postfix-q sendmail -t || fail "sendmail failed"
}

step "set the scene: postfix-q running, one message on hold in its queue"
setup present.yaml
prepare_ports /etc/postfix-q
start /etc/postfix-q
pid=$(master_pid /etc/postfix-q)
send first
for _ in $(seq 1 300); do  # up to 60 s: qmgr is slow to start on a loaded machine
    [ -n "$(find /var/spool/postfix-q/deferred -type f)" ] && break
    sleep 0.2
done
[ -n "$(find /var/spool/postfix-q/deferred -type f)" ] || { queue_files; fail "the message was not deferred"; }
must postsuper -c /etc/postfix-q -h ALL
queued=$(queue_files)
printf '%s\n' "$queued"
expect_eq "number of queue files" 1 "$(printf '%s\n' "$queued" | grep -c ' hold/')"
expect_eq "queue files outside hold/" 0 "$(printf '%s\n' "$queued" | grep -vc ' hold/')"
listing="postfix-q       -               y         /etc/postfix-q"

step "plan: the destroy is refused, nothing else planned"
pmr plan -f absent.yaml
expect_status 0
expect_out "  ! refused: destroy postfix-q (/etc/postfix-q): not destroyed: its queue holds 1 message; the instance is left as it is

Plan: 0 to create, 0 to change, 0 to destroy, 1 refused."
pmr plan -f absent.yaml --detailed-exitcode
expect_status 2
pmr check -f absent.yaml
expect_status 2

step "apply: exit 1, nothing done"
pmr apply -f absent.yaml --auto-approve
expect_status 1
expect_err_line "pmreconcile: error: refused to destroy postfix-q (/etc/postfix-q): not destroyed: its queue holds 1 message; the instance is left as it is"
expect_out_lacks "] - destroy"
# Not "Apply complete": the one step planned did not run.
expect_out_lacks "Apply complete"
expect_out_line "Apply stopped after 0 of 1 step: refused to destroy postfix-q (/etc/postfix-q): not destroyed: its queue holds 1 message; the instance is left as it is"
expect_eq "queue files (path and SHA-256)" "$queued" "$(queue_files)"
run postmulti -l -i postfix-q
expect_status 0
expect_out "$listing"
expect_running /etc/postfix-q
expect_eq "master pid" "$pid" "$(master_pid /etc/postfix-q)"
[ -f /etc/postfix-q/main.cf ] && [ -f /etc/postfix-q/master.cf ] || fail "config files gone"

step "stopped, with a second message in maildrop: still refused"
must postfix -c /etc/postfix-q stop
expect_stopped /etc/postfix-q
send second
queued=$(queue_files)
expect_eq "queue files in maildrop/" 1 "$(printf '%s\n' "$queued" | grep -c ' maildrop/')"
pmr plan -f absent.yaml
expect_status 0
expect_out_line "  ! refused: destroy postfix-q (/etc/postfix-q): not destroyed: its queue holds 2 messages; the instance is left as it is"
expect_out_lacks "disable"
pmr apply -f absent.yaml --auto-approve
expect_status 1
expect_err_line "pmreconcile: error: refused to destroy postfix-q (/etc/postfix-q): not destroyed: its queue holds 2 messages; the instance is left as it is"
expect_eq "queue files (path and SHA-256)" "$queued" "$(queue_files)"
run postmulti -l -i postfix-q
expect_out "$listing"
expect_stopped /etc/postfix-q
expect_no_masters
