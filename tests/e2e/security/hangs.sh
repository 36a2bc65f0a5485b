#!/usr/bin/env bash
# Nothing another user plants or holds may make root's commands wait forever (#12): a FIFO where
# the journal was, a held flock on the journal's temporary file, a temporary file of postfix's
# own, a held edit lock on main.cf.tmp, and a textfile directory of another user's for check
# --prometheus. Each command runs under `timeout`; 124 (timed out) fails the test.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"
. "$(dirname "${BASH_SOURCE[0]}")/common.inc"

limit=60
security_scene
manifest b.yaml <<'YAML'
version: 1
instances:
  - name: postfix-a
    enable: false
    parameters:
      myhostname: b.example.com
YAML
manifest c.yaml <<'YAML'
version: 1
instances:
  - name: postfix-a
    enable: false
    parameters:
      myhostname: c.example.com
YAML

step "postfix plants a FIFO at the journal, holds the temporary file's lock, owns its inode"
as_postfix mkfifo "$old_state/journal.json" || fail "mkfifo"
as_postfix touch "$old_state/journal.json.tmp" || fail "touch"
hold_flock postfix "$old_state/journal.json.tmp"
for command in "plan -f b.yaml" "check -f b.yaml" "apply -f b.yaml --auto-approve"; do
    # shellcheck disable=SC2086
    run timeout "$limit" "$PMRECONCILE" $command
    [ "$STATUS" != 124 ] || { _show_last; fail "pmreconcile $command hung"; }
done
expect_status 0
expect_cf /etc/postfix-a myhostname b.example.com
[ "$(stat -c %U "$old_state/journal.json.tmp")" = postfix ] && [ ! -s "$old_state/journal.json.tmp" ] ||
    fail "root wrote into postfix's journal.json.tmp"

step "a FIFO at the new journal (root's own directory: only root could) is refused, not waited on"
mkfifo /var/lib/pmreconcile/etc-postfix/journal.json
run timeout "$limit" "$PMRECONCILE" plan -f c.yaml
expect_status 0
expect_err "pmreconcile: warning: cannot tell whether an apply was interrupted: open /var/lib/pmreconcile/etc-postfix/journal.json: not a regular file"
run timeout "$limit" "$PMRECONCILE" apply -f c.yaml --auto-approve
[ "$STATUS" != 124 ] || fail "apply hung on the FIFO"
expect_status 1
expect_err_has "open /var/lib/pmreconcile/etc-postfix/journal.json: not a regular file"
rm /var/lib/pmreconcile/etc-postfix/journal.json

step "a held edit lock on main.cf.tmp: apply gives up after --lock-timeout (at least 10 s)"
hold_flock root /etc/postfix-a/main.cf.tmp
run timeout "$limit" "$PMRECONCILE" --lock-timeout 1 apply -f c.yaml --auto-approve
[ "$STATUS" != 124 ] || fail "apply hung on the held main.cf.tmp lock"
expect_status 1
expect_err_has "lock /etc/postfix-a/main.cf.tmp: still held by another process after 10 s (see --lock-timeout)"
expect_cf /etc/postfix-a myhostname b.example.com
release_flocks
# The failed step returned an error, so it is not replayed (#13): the next apply plans again.
[ ! -e /var/lib/pmreconcile/etc-postfix/journal.json ] || fail "the failed step was journaled"
pmr apply -f c.yaml --auto-approve
expect_status 0
expect_out_lacks "Finishing an interrupted apply"
expect_out_has "] ~ configure postfix-a (/etc/postfix-a)"
expect_cf /etc/postfix-a myhostname c.example.com

step "check --prometheus into a textfile directory postfix can write, with a FIFO and a held lock"
textfile=/var/lib/prometheus/node-exporter
mkdir -p "$textfile"
chown postfix "$textfile"
as_postfix mkfifo "$textfile/pmreconcile.prom" || fail "mkfifo"
hold_flock postfix "$textfile/pmreconcile.prom.tmp"
run timeout "$limit" "$PMRECONCILE" check -f c.yaml --prometheus "$textfile/pmreconcile.prom"
[ "$STATUS" != 124 ] || { _show_last; fail "check --prometheus hung"; }
expect_status 0
[ -f "$textfile/pmreconcile.prom" ] && [ ! -L "$textfile/pmreconcile.prom" ] ||
    fail "pmreconcile.prom is not a regular file"
grep -q '^pmreconcile_drift' "$textfile/pmreconcile.prom" || fail "no metrics written"
[ "$(stat -c '%U %s' "$textfile/pmreconcile.prom.tmp")" = "postfix 0" ] ||
    fail "root wrote into postfix's pmreconcile.prom.tmp"
[ -z "$(find "$textfile" -name '.pmreconcile.prom.*')" ] || fail "a temporary file was left behind"

step "check --prometheus that cannot write exits 1 with the error"
run timeout "$limit" "$PMRECONCILE" check -f c.yaml --prometheus /nonexistent/pmreconcile.prom
expect_status 1
expect_err "pmreconcile: error: open /nonexistent/: No such file or directory"
release_flocks
