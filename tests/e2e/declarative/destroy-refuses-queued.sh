#!/usr/bin/env bash
# `pmreconcile destroy NAME` is refused while the instance's queue holds a real message, as apply
# refuses it (#13): a message sendmail left in a stopped instance's maildrop/, then the same
# message deferred (hash_queue_depth 2). Exit 1 with apply's words, and the config directory, the
# queue files and multi_instance_directories are exactly as they were. An empty queue is still
# destroyed, and deport (which keeps every file, mail included) is not refused.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest present.yaml <<'YAML'
version: 1
instances:
  - name: postfix-keep
  - name: postfix-q
    enable: true
    parameters:
      authorized_submit_users: root
      defer_transports: smtp
      hash_queue_depth: "2"
YAML

# queue_files: every file in postfix-q's queues, with its SHA-256.
queue_files() {
    (cd /var/spool/postfix-q && find maildrop incoming active deferred hold corrupt -type f -print0 |
        sort -z | xargs -0r sha256sum)
}
# expect_refused N: `pmreconcile destroy postfix-q` exits 1 with apply's refusal for N messages
# and leaves /etc, /var/spool and /var/lib exactly as they were.
expect_refused() {
    local messages="$1 message"
    [ "$1" = 1 ] || messages+=s
    snapshot before-destroy
    local directories
    directories=$(cf /etc/postfix multi_instance_directories)
    pmr destroy postfix-q
    expect_status 1
    expect_err "pmreconcile: error: refused to destroy postfix-q (/etc/postfix-q): not destroyed: its queue holds $messages; the instance is left as it is"
    expect_out_empty
    expect_unchanged before-destroy
    expect_eq "multi_instance_directories" "$directories" "$(cf /etc/postfix multi_instance_directories)"
    expect_eq "queue files (path and SHA-256)" "$queued" "$(queue_files)"
    [ -f /etc/postfix-q/main.cf ] && [ -f /etc/postfix-q/master.cf ] || fail "config files gone"
}

step "set the scene: postfix-q stopped, with a message sendmail left in its maildrop"
setup present.yaml
expect_stopped /etc/postfix-q
printf 'From: root\nTo: nobody@example.invalid\nSubject: keep me\n\nkeep me\n' |
    MAIL_CONFIG=/etc/postfix-q sendmail -t || fail "sendmail failed"
queued=$(queue_files)
printf '%s\n' "$queued"
expect_eq "queue files in maildrop/" 1 "$(printf '%s\n' "$queued" | grep -c ' maildrop/')"
expect_eq "queue files outside maildrop/" 0 "$(printf '%s\n' "$queued" | grep -vc ' maildrop/')"

step "destroy --help says it is refused while the queue holds mail"
pmr destroy --help
expect_status 0
expect_out_has "refused while its queue holds mail"

step "disable, then destroy: refused, nothing changed"
pmr disable postfix-q
expect_status 0
expect_refused 1
expect_eq "postfix-q enabled" no "$(cf /etc/postfix-q multi_instance_enable)"

step "the message deferred (hash_queue_depth 2), the instance stopped again"
pmr enable postfix-q
expect_status 0
prepare_ports /etc/postfix-q
start /etc/postfix-q
for _ in $(seq 1 300); do  # up to 60 s: qmgr is slow to start on a loaded machine
    [ -n "$(find /var/spool/postfix-q/deferred -type f)" ] && break
    sleep 0.2
done
must postfix -c /etc/postfix-q stop
expect_stopped /etc/postfix-q
queued=$(queue_files)
printf '%s\n' "$queued"
printf '%s\n' "$queued" | grep -qE ' deferred/[0-9A-F]/[0-9A-F]/[0-9A-F]+$' ||
    fail "the message is not deferred two hash levels deep"
expect_eq "queue files" 1 "$(printf '%s\n' "$queued" | grep -c .)"

step "disable, then destroy: refused, nothing changed"
pmr disable postfix-q
expect_status 0
expect_refused 1

step "deport keeps every file: not refused, the mail stays with the instance"
pmr deport postfix-q
expect_status 0
expect_eq "queue files (path and SHA-256)" "$queued" "$(queue_files)"
expect_eq "alternate_config_directories" /etc/postfix-q "$(cf /etc/postfix alternate_config_directories)"
pmr import /etc/postfix-q
expect_status 0

step "the queue emptied: destroy goes ahead"
must postsuper -c /etc/postfix-q -d ALL
expect_eq "queue files" "" "$(queue_files)"
pmr destroy postfix-q
expect_status 0
[ ! -e /etc/postfix-q ] || { ls -laR /etc/postfix-q; fail "/etc/postfix-q is still there"; }
expect_eq "multi_instance_directories" /etc/postfix-keep "$(cf /etc/postfix multi_instance_directories)"
expect_no_masters
