#!/usr/bin/env bash
# A refused destroy leaves the instance's place in multi_instance_directories, its flags and its
# files as they are. postfix-q, listed first on the host and `state: absent` in a manifest that
# keeps postfix-keep, holds a real message: plan refuses the destroy and plans no reorder (the
# kept instance would otherwise start last and stop first), and apply changes nothing.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest both.yaml <<'YAML'
version: 1
instances:
  - name: postfix-q
    enable: true
    parameters:
      authorized_submit_users: root
      defer_transports: smtp
  - name: postfix-keep
    enable: true
YAML
manifest remove-q.yaml <<'YAML'
version: 1
instances:
  - name: postfix-keep
    enable: true
  - name: postfix-q
    state: absent
YAML

queue_files() {
    (cd /var/spool/postfix-q && find maildrop incoming active deferred hold corrupt -type f -print0 |
        sort -z | xargs -0r sha256sum)
}

step "set the scene: postfix-q running with a real message on hold, listed before postfix-keep"
setup both.yaml
expect_cf /etc/postfix multi_instance_directories "/etc/postfix-q /etc/postfix-keep"
prepare_ports /etc/postfix-q
start /etc/postfix-q
pid=$(master_pid /etc/postfix-q)
printf 'From: root\nTo: nobody@example.invalid\nSubject: stay\n\nkeep me\n' |
    MAIL_CONFIG=/etc/postfix-q sendmail -t || fail "sendmail failed"
for _ in $(seq 1 100); do
    [ -n "$(find /var/spool/postfix-q/deferred -type f)" ] && break
    sleep 0.2
done
[ -n "$(find /var/spool/postfix-q/deferred -type f)" ] || { queue_files; fail "the message was not deferred"; }
must postsuper -c /etc/postfix-q -h ALL
queued=$(queue_files)
expect_eq "queue files in hold/" 1 "$(printf '%s\n' "$queued" | grep -c ' hold/')"

step "plan: the destroy is refused, and nothing moves postfix-q"
pmr plan -f remove-q.yaml
expect_status 0
expect_out_line "  ! refused: destroy postfix-q (/etc/postfix-q): not destroyed: its queue holds 1 message; the instance is left as it is"
expect_eq "planned steps" "" "$(plan_steps)"
expect_out_lacks "reorder"

step "apply: exit 1, postfix-q's place, flags, master and message as they were"
pmr apply -f remove-q.yaml --auto-approve
expect_status 1
expect_err_line "pmreconcile: error: refused to destroy postfix-q (/etc/postfix-q): not destroyed: its queue holds 1 message; the instance is left as it is"
expect_eq "steps carried out" "" "$(grep -E '^\[[0-9]+/[0-9]+\] ' "$OUT")"
expect_cf /etc/postfix multi_instance_directories "/etc/postfix-q /etc/postfix-keep"
expect_cf /etc/postfix-q multi_instance_enable yes
expect_running /etc/postfix-q
expect_eq "master pid" "$pid" "$(master_pid /etc/postfix-q)"
expect_eq "queue files (path and SHA-256)" "$queued" "$(queue_files)"
run postmulti -l -i postfix-q
expect_status 0
expect_out "postfix-q       -               y         /etc/postfix-q"

must postfix -c /etc/postfix-q stop
expect_ended "$pid"
expect_no_masters
