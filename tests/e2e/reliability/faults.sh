#!/usr/bin/env bash
# Faults an administrator's host really has, beyond kill -9 (#13): a signal during apply (SIGTERM
# from systemd's stop, SIGINT from Ctrl-C), a full filesystem under a config directory and under
# pmreconcile's state directory, and a read-only config directory. Each row asserts the exact
# error or exit status, that no main.cf is torn (every one parses and holds either its old or
# its new value), that no queued message is lost, that nothing is left locked, and that the next
# apply converges (its second plan is empty).
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest base.yaml <<'YAML'
version: 1
instances:
  - name: postfix-s1
    parameters: {myhostname: s1.example.com, authorized_submit_users: root}
  - name: postfix-s2
    parameters: {myhostname: s2.example.com}
YAML
manifest next.yaml <<'YAML'
version: 1
instances:
  - name: postfix-s1
    parameters: {myhostname: s1-next.example.com, authorized_submit_users: root}
  - name: postfix-s2
    parameters: {myhostname: s2-next.example.com}
YAML
setup base.yaml

# converges MANIFEST: apply succeeds, at once (nothing left locked), and a second plan is empty.
converges() {
    pmr apply -f "$1" --auto-approve
    expect_status 0 "the apply after the fault"
    pmr plan -f "$1" --detailed-exitcode
    expect_status 0 "the plan after the apply that followed the fault"
    [ ! -e /var/lib/pmreconcile/etc-postfix/journal.json ] || fail "a journal was left"
}

# a message in postfix-s1's maildrop, which no fault may lose.
printf 'From: root\nTo: nobody@example.invalid\nSubject: keep\n\nkeep me\n' |
    MAIL_CONFIG=/etc/postfix-s1 sendmail -t || fail "sendmail failed"
queued=$(cd /var/spool/postfix-s1 && find maildrop -type f | sort)
[ -n "$queued" ] || fail "no message in maildrop"
expect_queue() {
    expect_eq "postfix-s1's queued message" "$queued" \
        "$(cd /var/spool/postfix-s1 && find maildrop -type f | sort)"
}

# hold_edit_lock DIR: holds DIR/main.cf.tmp's flock as a concurrent postconf -e would, until
# release_edit_lock.
hold_edit_lock() {
    install -m 0600 /dev/null "$1/main.cf.tmp"
    exec {held}>>"$1/main.cf.tmp"
    flock -x "$held"
}
release_edit_lock() { exec {held}>&-; }

# interrupted SIGNAL STATUS: apply blocks in its first step (postfix-s1's edit lock is held),
# gets SIGNAL, then the lock is let go: the step is finished and apply stops before the second.
interrupted() {
    local signal=$1 status=$2 from=$3 to=$4 pid
    step "$signal during apply: the step in progress is finished, then apply stops (exit $status)"
    hold_edit_lock /etc/postfix-s1
    "$PMRECONCILE" --lock-timeout 600 apply -f "$to" --auto-approve >"$OUT" 2>"$ERR" {held}>&- &
    pid=$!
    for _ in $(seq 1 1200); do grep -q '^\[1/2\] ' "$OUT" && break; sleep 0.1; done
    grep -q '^\[1/2\] ~ configure postfix-s1' "$OUT" || { _show_last; fail "apply did not reach step 1"; }
    kill "-$signal" "$pid"
    sleep 0.2  # the signal lands while the step waits; the verdict does not depend on when
    release_edit_lock
    wait "$pid"
    STATUS=$?
    LAST_COMMAND="pmreconcile apply -f $to (sent $signal)"
    expect_status "$status"
    expect_err "pmreconcile: interrupted by SIG$signal after 1 of 2 steps, none left half done; run apply again to continue"
    expect_out_line "Apply stopped after 1 of 2 steps: interrupted by SIG$signal"
    expect_cf /etc/postfix-s1 myhostname "$5"
    expect_cf /etc/postfix-s2 myhostname "$6"
    [ ! -e /var/lib/pmreconcile/etc-postfix/journal.json ] || fail "the journal was left"
    rm -f /etc/postfix-s1/main.cf.tmp
    expect_queue
    converges "$to"
    expect_cf /etc/postfix-s2 myhostname "$7"
}
interrupted TERM 143 base.yaml next.yaml s1-next.example.com s2.example.com s2-next.example.com
interrupted INT 130 next.yaml base.yaml s1.example.com s2-next.example.com s2.example.com

step "the filesystem of postfix-s1's config directory is full while main.cf is written"
cp -a /etc/postfix-s1 "$E2E_TMP/s1-files"
mount -t tmpfs -o size=1m,mode=0755 pmr-full /etc/postfix-s1 || fail "mount tmpfs"
cp -a "$E2E_TMP/s1-files/." /etc/postfix-s1/
dd if=/dev/zero of=/etc/postfix-s1/filler bs=4k 2>/dev/null
before=$(sha256sum /etc/postfix-s1/main.cf)
pmr apply -f next.yaml --auto-approve
expect_status 1
expect_err_has "pmreconcile: error: step 1 (~ configure postfix-s1 (/etc/postfix-s1)) failed: write /etc/postfix-s1/main.cf.tmp: No space left on device"
expect_eq "postfix-s1's main.cf" "$before" "$(sha256sum /etc/postfix-s1/main.cf)"
expect_cf /etc/postfix-s2 myhostname s2.example.com
expect_queue
rm /etc/postfix-s1/filler
converges next.yaml
expect_cf /etc/postfix-s1 myhostname s1-next.example.com
cp -a /etc/postfix-s1/. "$E2E_TMP/s1-files/"
umount /etc/postfix-s1
cp -a "$E2E_TMP/s1-files/." /etc/postfix-s1/
rm -f /etc/postfix-s1/filler

step "the filesystem of pmreconcile's state directory is full while the journal is written"
cp -a /var/lib/pmreconcile "$E2E_TMP/state"
mount -t tmpfs -o size=1m,mode=0755 pmr-full /var/lib/pmreconcile || fail "mount tmpfs"
cp -a "$E2E_TMP/state/." /var/lib/pmreconcile/
dd if=/dev/zero of=/var/lib/pmreconcile/filler bs=4k 2>/dev/null
pmr apply -f base.yaml --auto-approve
expect_status 1
expect_err_has "pmreconcile: error: step 1 (~ configure postfix-s1 (/etc/postfix-s1)) failed: write /var/lib/pmreconcile/etc-postfix/journal.json.tmp: No space left on device"
expect_cf /etc/postfix-s1 myhostname s1-next.example.com
expect_queue
rm /var/lib/pmreconcile/filler
converges base.yaml
umount /var/lib/pmreconcile

step "postfix-s2's config directory is read-only"
mount --bind /etc/postfix-s2 /etc/postfix-s2 && mount -o remount,ro,bind /etc/postfix-s2 ||
    fail "read-only bind mount"
before=$(sha256sum /etc/postfix-s2/main.cf)
pmr apply -f next.yaml --auto-approve
expect_status 1
expect_err_has "pmreconcile: error: step 2 (~ configure postfix-s2 (/etc/postfix-s2)) failed: open /etc/postfix-s2/main.cf.tmp: Read-only file system"
expect_out_line "Apply stopped after 1 of 2 steps: step 2 (~ configure postfix-s2 (/etc/postfix-s2)) failed: open /etc/postfix-s2/main.cf.tmp: Read-only file system"
expect_eq "postfix-s2's main.cf" "$before" "$(sha256sum /etc/postfix-s2/main.cf)"
expect_cf /etc/postfix-s1 myhostname s1-next.example.com
expect_queue
umount /etc/postfix-s2
converges next.yaml
expect_cf /etc/postfix-s2 myhostname s2-next.example.com
expect_queue
