#!/usr/bin/env bash
# What came from a file or a name another user controls is shown escaped (#12): the lock holder's
# record (written by whoever holds the lock) in "another pmreconcile is running (...)", and names
# the postfix user plants in the queue directories of an instance being destroyed. No raw ESC,
# BEL or C1 control may reach the administrator's terminal.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"
. "$(dirname "${BASH_SOURCE[0]}")/common.inc"

security_scene
evil=$'\e]0;owned\a\e[2J\e[31mALL GOOD'

step "postfix holds the old lock with a record full of escape sequences: ignored"
hold_flock postfix "$old_state/lock" 1 "$evil" "$evil"
pmr postmulti -i postfix-a -e enable
expect_no_escape "$OUT" "$ERR"
expect_status 0
release_flocks

step "a holder's record is printed escaped"
hold_flock root /var/lib/pmreconcile/etc-postfix/lock 1 "$evil" "$evil"
pmr apply -f a.yaml --auto-approve
expect_no_escape "$OUT" "$ERR"
expect_status 1
expect_err_has 'another pmreconcile is running (pid 1: \x1b]0;owned\x07\x1b[2J\x1b[31mALL GOOD, since \x1b]0;owned'
pmr postmulti -i postfix-a -e disable
expect_status 1
expect_no_escape "$OUT" "$ERR"
release_flocks

step "names planted in the queue of an instance being destroyed"
manifest absent.yaml <<'YAML'
version: 1
instances:
  - name: postfix-a
    state: absent
YAML
for queue in active deferred incoming hold; do
    as_postfix mkdir "/var/spool/postfix-a/$queue/$evil" || fail "mkdir in $queue"
done
as_postfix mkfifo "/var/spool/postfix-a/active/$evil.fifo" || fail "mkfifo"
as_postfix ln -s "/etc/$evil" "/var/spool/postfix-a/deferred/$evil.link" || fail "ln"
for command in "plan -f absent.yaml" "check -f absent.yaml" "apply -f absent.yaml --auto-approve"; do
    # shellcheck disable=SC2086
    pmr $command
    expect_no_escape "$OUT" "$ERR"
done
pmr postmulti -l
expect_no_escape "$OUT" "$ERR"
