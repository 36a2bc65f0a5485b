#!/usr/bin/env bash
# The postfix user must not turn root's run lock into a file of its choosing anywhere (#12).
# Older versions kept the lock in $data_directory/pmreconcile, which postfix owns: between root's
# check of that directory and its open of `lock` inside it by path, postfix could exchange the
# directory with a symbolic link (renameat2 RENAME_EXCHANGE), so root created `lock` in any
# directory (/etc/cron.daily) and handed it to postfix. Both races are run here for 300
# attempts each: the continuous exchange, and the quiet one timed with inotify right after root
# opens the directory. No `lock` may appear in the target, whatever the attempts print.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"
. "$(dirname "${BASH_SOURCE[0]}")/common.inc"

attempts=${SECURITY_ATTEMPTS:-300}
target=/etc/cron.daily
mkdir -p "$target"

security_scene
# The attacker's lure: a link to the target, beside the directory root looks for.
as_postfix ln -s "$target" /var/lib/postfix/lure || fail "postfix cannot plant its link"

# attempts MODE: runs the attacker in MODE while root takes the lock $attempts times, alternating
# an enable and a disable of postfix-a (each takes the run lock and edits main.cf).
race() {
    local mode=$1 i action failed=0
    step "race: $mode, $attempts attempts"
    spawn_as_postfix "$attacker" "$mode" "$old_state" /var/lib/postfix/lure
    for ((i = 0; i < attempts; i++)); do
        ((i % 2)) && action=disable || action=enable
        "$PMRECONCILE" postmulti -i postfix-a -e "$action" >/dev/null 2>&1 || failed=$((failed + 1))
    done
    stop_spawned
    echo "$attempts attempts, $failed refused"
    # Whatever the race left where, the names are put back for the next round.
    [ -L /var/lib/postfix/lure ] || as_postfix "$attacker" exchange-once "$old_state" /var/lib/postfix/lure 2>/dev/null
    expect_no_file_named lock "$target" /etc/postfix /etc/postfix-a
    [ "$failed" = 0 ] || fail "$failed of $attempts life-cycle commands failed during the race"
}

race exchange
race exchange-on-open

step "the lock is in root's own directory, which postfix cannot write"
[ -f /var/lib/pmreconcile/etc-postfix/lock ] || fail "no lock in /var/lib/pmreconcile/etc-postfix"
[ "$(stat -c '%U %a' /var/lib/pmreconcile/etc-postfix)" = "root 755" ] ||
    fail "state directory: $(stat -c '%U %a' /var/lib/pmreconcile/etc-postfix)"
[ "$(stat -c '%U %a %h' /var/lib/pmreconcile/etc-postfix/lock)" = "root 600 1" ] ||
    fail "lock: $(stat -c '%U %a %h' /var/lib/pmreconcile/etc-postfix/lock)"
! as_postfix touch /var/lib/pmreconcile/etc-postfix/planted 2>/dev/null ||
    fail "postfix could create a file in root's state directory"
[ -z "$(find "$old_state" -mindepth 1 -print -quit)" ] ||
    fail "root wrote into postfix's directory: $(ls -la "$old_state")"
