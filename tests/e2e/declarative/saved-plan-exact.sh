#!/usr/bin/env bash
# A saved plan runs exactly as it was reviewed. Saved while postfix-q's queue was empty (stop,
# disable, destroy), then a real message arrives: apply of the saved plan adds nothing, runs
# nothing and refuses it as stale, with the steps that would now differ; postfix-q keeps its
# place in multi_instance_directories, its enable flag, its running master and its message.
# With the queue empty again, a fresh saved plan runs exactly its reviewed steps.
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
YAML
manifest remove-q.yaml <<'YAML'
version: 1
instances:
  - name: postfix-keep
  - name: postfix-q
    state: absent
YAML

queue_files() {
    (cd /var/spool/postfix-q && find maildrop incoming active deferred hold corrupt -type f -print0 |
        sort -z | xargs -0r sha256sum)
}

step "set the scene: postfix-q (running, enabled) listed before postfix-keep"
setup both.yaml
prepare_ports /etc/postfix-q
start /etc/postfix-q
pid=$(master_pid /etc/postfix-q)
expect_cf /etc/postfix multi_instance_directories "/etc/postfix-q /etc/postfix-keep"

step "plan --out p.json while the queue is empty: stop, disable, destroy postfix-q"
pmr plan -f remove-q.yaml --out p.json
expect_status 0
expect_eq "saved steps" "  ! 1. stop postfix-q (/etc/postfix-q)
  ~ 2. disable postfix-q (/etc/postfix-q)
  - 3. destroy postfix-q (/etc/postfix-q)" "$(plan_steps)"

step "a real message arrives in postfix-q's queue (held)"
printf 'From: root\nTo: nobody@example.invalid\nSubject: late\n\nkeep me\n' |
    MAIL_CONFIG=/etc/postfix-q sendmail -t || fail "sendmail failed"
for _ in $(seq 1 100); do
    [ -n "$(find /var/spool/postfix-q/deferred -type f)" ] && break
    sleep 0.2
done
[ -n "$(find /var/spool/postfix-q/deferred -type f)" ] || { queue_files; fail "the message was not deferred"; }
must postsuper -c /etc/postfix-q -h ALL
queued=$(queue_files)
expect_eq "queue files in hold/" 1 "$(printf '%s\n' "$queued" | grep -c ' hold/')"

step "apply p.json: stale, nothing run, nothing added"
pmr apply p.json
expect_status 1
expect_out_empty
expect_err "pmreconcile: error: p.json: the saved plan is stale: the host changed since it was made; run 'pmreconcile plan' again
  steps that would now differ (- saved, + now):
  - 1. stop postfix-q (/etc/postfix-q)
  - 2. disable postfix-q (/etc/postfix-q)
  -        multi_instance_enable: \"yes\" -> \"no\"
  - 3. destroy postfix-q (/etc/postfix-q)
  + refused: destroy postfix-q (/etc/postfix-q)"
expect_cf /etc/postfix multi_instance_directories "/etc/postfix-q /etc/postfix-keep"
expect_cf /etc/postfix-q multi_instance_enable yes
expect_running /etc/postfix-q
expect_eq "master pid" "$pid" "$(master_pid /etc/postfix-q)"
expect_eq "queue files (path and SHA-256)" "$queued" "$(queue_files)"

step "the message is gone again (deleted): a fresh saved plan runs exactly its steps"
must postsuper -c /etc/postfix-q -d ALL
pmr plan -f remove-q.yaml --out again.json
expect_status 0
pmr apply again.json
expect_status 0
expect_eq "steps carried out" "[1/3] ! stop postfix-q (/etc/postfix-q)
[2/3] ~ disable postfix-q (/etc/postfix-q)
[3/3] - destroy postfix-q (/etc/postfix-q)" "$(grep -E '^\[[0-9]+/[0-9]+\] ' "$OUT")"
expect_ended "$pid"
expect_cf /etc/postfix multi_instance_directories "/etc/postfix-keep"
[ ! -e /etc/postfix-q ] || fail "/etc/postfix-q is still there"
expect_no_masters
