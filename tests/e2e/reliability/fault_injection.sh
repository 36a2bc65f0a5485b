#!/usr/bin/env bash
# Crash safety: pmreconcile is killed (SIGKILL) at every fault point of a 20-instance apply, and a
# normal apply must then converge from whatever the dead one left.
#
# Two phases, each from its own base state (tests/sandbox/pmr-sandbox --state; never the host's
# own Postfix):
#   phase 1  a fresh host (multi-instance off) becomes 20 instances in three groups, half of them
#            enabled, each with parameters, plus a primary parameter: init, create, configure,
#            enable. A message is queued in the primary's maildrop first.
#   phase 2  from phase 1's result: 3 instances destroyed (2 enabled: disable, then destroy), one
#            renamed and one regrouped (assign), one disabled, one enabled, 5 reconfigured (a value
#            changed, one removed), 2 created and enabled, the order changed (reorder). A message
#            is queued in postfix-i10 (which stays) first.
# Per phase, a clean run of pmreconcile-fault-injection with PMRECONCILE_COUNT_FAULT_POINTS=1
# counts the fault points K and makes the reference result, which real `postconf -c DIR -n`
# (every instance) and real `postmulti -l` must accept. Then for every k in 1..K, in a fresh copy
# of the base state:
#   1. pmreconcile-fault-injection apply with PMRECONCILE_KILL_AT=k must die by SIGKILL (137);
#   2. the SHA-256 of every main.cf it left is recorded (and any main.cf.tmp);
#   3. `pmreconcile apply --auto-approve` must succeed and `plan --detailed-exitcode` exit 0;
#   4. /etc/postfix*, /var/spool/postfix* and /var/lib/postfix* must equal the reference (every
#      path, type, mode and owner, the SHA-256 of every file): the queued message is intact, no
#      main.cf.tmp or journal is left, removed instances are gone;
#   5. `postconf -c DIR -n` succeeds for every instance, and real `postmulti -l` prints the
#      reference listing.
# At the end, no torn main.cf: every checksum recorded in step 2 is the file's content in the base
# state, in the reference result, or right after one of the "edit_file: renamed" points (a
# version an edit renamed into place).
#
# Usage: fault_injection.sh [PMRECONCILE_FAULT_INJECTION_BINARY [PMRECONCILE_BINARY]]
#   (CTest passes both; default build/src/cli/pmreconcile{-fault-injection,}).
# Environment:
#   FAULT_POINTS   which kill points to try: "steps" (default; see selected_points below), "all"
#                  (every point: about three times as many), "sample:N" (every point of every
#                  N-th step, the first included: CTest runs sample:10), or phase:k, phase:a-b
#                  and phase:all items (e.g. "1:1-40 2:117"), to rerun a failure.
#   FAULT_JOBS     sandboxes run at the same time (default: the number of CPUs).
#   FAULT_KEEP=1   keep the work directory (it is always kept when a point failed).
# Exit status: 0 all passed, 1 a failure, 77 skipped (not root, or Postfix not installed).
#
# Run time is dominated by process start-up (pmr-sandbox, pmreconcile, postconf, postmulti): on
# an idle 2-CPU machine about 1.3 s per point per worker, two sandboxes at a time. The sandboxes keep
# their overlay upper directories on tmpfs (PMR_SANDBOX_TMPFS=1): fsync is then free, and a
# SIGKILL does not lose what the page cache holds, so nothing under test is weakened by it.
set -u
export LC_ALL=C
unset NO_COLOR MAIL_CONFIG PMRECONCILE_KILL_AT PMRECONCILE_COUNT_FAULT_POINTS

self=$(readlink -f -- "$0")
top=$(cd "$(dirname "$self")/../../.." && pwd)
sandbox=$top/tests/sandbox/pmr-sandbox

# ------------------------------------------------------------------------------ inside a sandbox
# bash fault_injection.sh --inner ACTION PHASE [K]: runs in a sandbox; WORK, FAULTY and PMR are
# exported by the outer part. Prints what failed and exits 1 on a failure.
if [ "${1-}" = --inner ]; then
    action=$2 phase=$3 k=${4-}
    manifest=$WORK/phase$phase.yaml
    fail() { echo "FAIL: $*"; exit 1; }

    # tree_state: every path of the instances' trees with type, mode and owner (pmreconcile's lock
    # file aside: it records its last holder), then the SHA-256 of every regular file.
    tree_state() {
        local roots
        roots=$(ls -d /etc/postfix* /var/spool/postfix* /var/lib/postfix*)
        find $roots -path /var/lib/pmreconcile/etc-postfix/lock -prune -o -printf '%p %y %m %u:%g\n' |
            sort
        find $roots -path /var/lib/pmreconcile/etc-postfix/lock -prune -o -type f -print0 |
            sort -z | xargs -0r sha256sum
    }
    # config_directories: the primary's and every listed secondary's.
    config_directories() {
        echo /etc/postfix
        sed -n 's/^multi_instance_directories *= *//p' /etc/postfix/main.cf | tr ', ' '\n\n' |
            grep .
    }
    # real_postfix_checks: postconf -n on every instance (at once) and postmulti -l.
    real_postfix_checks() {
        local dirs d pids=() bad=
        dirs=$(config_directories)
        # Postfix pauses up to 2 s before reading a main.cf written within the last second.
        # shellcheck disable=SC2046
        touch -m -d "@$(($(date +%s) - 10))" $(printf '%s/main.cf ' $dirs)
        for d in $dirs; do
            postconf -c "$d" -n >"$WORK/tmp.$phase.${k:-ref}.postconf.${d//\//_}" 2>&1 &
            pids+=($!)
        done
        postmulti -l >"$WORK/tmp.$phase.${k:-ref}.listing" 2>&1 &
        pids+=($!)
        for d in "${pids[@]}"; do wait "$d" || bad=1; done
        if [ -n "$bad" ]; then
            cat "$WORK"/tmp."$phase".${k:-ref}.*
            fail "postconf -n or postmulti -l failed (output above)"
        fi
    }

    case $action in
    setup)
        if [ "$phase" = 1 ]; then
            conf=/etc/postfix queue=/var/spool/postfix
        else
            "$PMR" apply -f "$WORK/phase1.yaml" --auto-approve >/dev/null || fail "phase 1 apply failed"
            conf=/etc/postfix-i10 queue=/var/spool/postfix-i10
        fi
        printf 'From: root\nTo: nobody@example.invalid\nSubject: phase %s\n\nkeep me\n' "$phase" |
            MAIL_CONFIG=$conf sendmail -t 2>"$WORK/sendmail.err" ||
            { cat "$WORK/sendmail.err"; fail "sendmail failed"; }
        [ -n "$(find "$queue/maildrop" -type f)" ] || fail "no message in $queue/maildrop"
        ;;
    reference)
        sha256sum /etc/postfix*/main.cf >"$WORK/$phase.base.sums"
        PMRECONCILE_COUNT_FAULT_POINTS=1 "$FAULTY" apply -f "$manifest" --auto-approve \
            >"$WORK/$phase.reference.out" 2>"$WORK/$phase.reference.err" ||
            { cat "$WORK/$phase.reference.err"; fail "the counting apply failed"; }
        sed -n 's/^fault-point //p' "$WORK/$phase.reference.err" >"$WORK/$phase.points"
        "$PMR" plan -f "$manifest" --detailed-exitcode >/dev/null ||
            fail "plan after the reference apply is not empty"
        sha256sum /etc/postfix*/main.cf >"$WORK/$phase.final.sums"
        tree_state >"$WORK/$phase.reference.tree"
        real_postfix_checks
        mv "$WORK/tmp.$phase.ref.listing" "$WORK/$phase.reference.listing"
        rm -f "$WORK"/tmp."$phase".ref.*
        ;;
    point)
        PMRECONCILE_KILL_AT=$k "$FAULTY" apply -f "$manifest" --auto-approve \
            >"$WORK/tmp.$phase.$k.faulty" 2>&1
        rc=$?
        [ "$rc" = 137 ] || { cat "$WORK/tmp.$phase.$k.faulty"; fail "killed apply exited $rc, not 137"; }
        { sha256sum /etc/postfix*/main.cf; ls -d /etc/postfix*/main.cf.tmp 2>/dev/null; } \
            >"$WORK/postkill.$phase.$k"
        "$PMR" apply -f "$manifest" --auto-approve >"$WORK/tmp.$phase.$k.apply" 2>&1 ||
            { cat "$WORK/tmp.$phase.$k.apply"; fail "apply after the kill failed"; }
        "$PMR" plan -f "$manifest" --detailed-exitcode >"$WORK/tmp.$phase.$k.plan" 2>&1 ||
            { cat "$WORK/tmp.$phase.$k.plan"; fail "plan --detailed-exitcode after recovery exited $?"; }
        if ! tree_state | diff "$WORK/$phase.reference.tree" - >"$WORK/tmp.$phase.$k.diff"; then
            head -n 40 "$WORK/tmp.$phase.$k.diff"
            fail "the recovered host differs from the reference (diff above: - reference, + here)"
        fi
        real_postfix_checks
        diff "$WORK/$phase.reference.listing" "$WORK/tmp.$phase.$k.listing" ||
            fail "postmulti -l differs from the reference"
        rm -f "$WORK"/tmp."$phase"."$k".*
        ;;
    esac
    exit 0
fi

# ------------------------------------------------------------------------------ outside
FAULTY=$(readlink -f -- "${1:-${PMRECONCILE_FAULT_INJECTION:-$top/build/src/cli/pmreconcile-fault-injection}}")
PMR=$(readlink -f -- "${2:-${PMRECONCILE:-$top/build/src/cli/pmreconcile}}")
if [ "$(id -u)" != 0 ]; then
    echo "SKIP: needs root (to run Postfix in a private mount namespace)"
    exit 77
fi
for p in postfix postmulti postconf sendmail; do
    [ -x "/usr/sbin/$p" ] || { echo "SKIP: Postfix is not installed (no /usr/sbin/$p)"; exit 77; }
done
[ -x "$FAULTY" ] || { echo "FAIL: $FAULTY is not executable"; exit 1; }
[ -x "$PMR" ] || { echo "FAIL: $PMR is not executable"; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/pmr-fault.XXXXXX") || exit 1
chmod 0755 "$WORK"
export WORK FAULTY PMR PMR_SANDBOX_TMPFS=1 PATH=/usr/sbin:/usr/bin:/sbin:/bin
jobs=${FAULT_JOBS:-$(nproc 2>/dev/null || echo 2)}
started=$(date +%s)

# in_sandbox STATE ACTION PHASE [K]: this script's inner part in the sandbox with state STATE.
in_sandbox() {
    local state=$1; shift
    "$sandbox" --state "$state" -- bash "$self" --inner "$@"
}

# The manifests: 20 instances in three groups, half enabled; then removals, renames and more.
{
    printf 'version: 1\nprimary:\n  parameters:\n    inet_interfaces: loopback-only\n'
    printf '    pmr_phase: one\nunmanaged: keep\ninstances:\n'
    for i in $(seq -w 1 20); do
        groups=(nullclient mta relay)
        printf '  - name: postfix-i%s\n    group: %s\n    enable: %s\n' \
            "$i" "${groups[$((10#$i % 3))]}" "$([ $((10#$i % 2)) = 1 ] && echo true || echo false)"
        printf '    parameters:\n      myhostname: i%s.example.com\n' "$i"
        printf '      inet_interfaces: 127.0.0.1\n      smtp_helo_name: helo-%s.example.com\n' "$i"
        [ "$i" = 10 ] && printf '      authorized_submit_users: root\n'   # phase 2 queues mail here
    done
} >"$WORK/phase1.yaml"
{
    printf 'version: 1\nprimary:\n  parameters:\n    inet_interfaces: loopback-only\n'
    printf '    pmr_phase: two\nunmanaged: keep\ninstances:\n'
    for i in 20 $(seq -w 1 19); do
        groups=(nullclient mta relay)
        group=${groups[$((10#$i % 3))]} enable=$([ $((10#$i % 2)) = 1 ] && echo true || echo false)
        name=postfix-i$i host=i$i helo="helo-$i.example.com"
        case $i in
        01|02|03) printf '  - name: %s\n    state: absent\n' "$name"; continue;;
        04) name=postfix-r04;;                  # renamed (config_directory keeps its identity)
        05) group=edge;;                        # regrouped
        06) enable=true;;
        07) enable=false;;
        08|09|10|11|12) host=new-i$i helo=null;;
        esac
        printf '  - name: %s\n    group: %s\n    enable: %s\n' "$name" "$group" "$enable"
        [ "$i" = 04 ] && printf '    config_directory: /etc/postfix-i04\n'
        printf '    parameters:\n      myhostname: %s.example.com\n' "$host"
        printf '      inet_interfaces: 127.0.0.1\n      smtp_helo_name: %s\n' "$helo"
        [ "$i" = 10 ] && printf '      authorized_submit_users: root\n'
    done
    for n in n21 n22; do
        printf '  - name: postfix-%s\n    group: mta\n    enable: true\n' "$n"
        printf '    parameters:\n      myhostname: %s.example.com\n' "$n"
    done
} >"$WORK/phase2.yaml"

# selected_points PHASE: the kill points of PHASE that FAULT_POINTS selects, one per line. The
# default, "steps": every point of the first two steps of each kind (init, create, configure,
# enable, disable, destroy, assign, reorder: each operation, mkdir, and the temporary-file,
# fsync and rename points of every file they write, the journal's included), and the two
# boundaries of every other step (journal written: nothing of the step done yet; journal
# cleared: all of it done). The steps of one kind differ only in the instance they work on.
# "sample:N" takes whole steps, so that the versions of main.cf its kills may leave are among
# those its own points see (the torn-file check below needs them).
selected_points() {
    local phase=$1 item range a b
    for item in ${FAULT_POINTS:-steps}; do
        case $item in
        sample:[1-9]*)
            awk -v every="${item#sample:}" '
                 { if ((done % every) == 0) print $1
                   if ($2 == "journal" && $3 == "cleared") done++ }' "$WORK/$phase.points";;
        steps)
            awk 'FNR == NR {
                     if (match($0, /^\[[0-9]+\/[0-9]+\] /)) {
                         split(substr($0, RLENGTH + 1), f, " "); kind[++steps] = f[2]
                     }
                     next
                 }
                 {
                     s = done + 1
                     if (!(s in nth)) nth[s] = ++seen[kind[s]]
                     if (nth[s] <= 2 || $2 == "journal") print $1
                     if ($2 == "journal" && $3 == "cleared") done++
                 }' "$WORK/$phase.reference.out" "$WORK/$phase.points";;
        all) cut -d' ' -f1 "$WORK/$phase.points";;
        "$phase":*)
            range=${item#*:}
            [ "$range" = all ] && range=1-$(wc -l <"$WORK/$phase.points")
            a=${range%-*} b=${range#*-}
            seq "$a" "$b";;
        esac
    done | sort -nu
}

# run_point PHASE K: one kill point in a fresh copy of the phase's base state; writes
# result.PHASE.K ("pass" or "fail") and keeps the state and log of a failure.
run_point() {
    local phase=$1 k=$2 state=$WORK/state.$1.$2
    cp -a -- "$WORK/base$phase" "$state" || { echo fail >"$WORK/result.$phase.$k"; return; }
    if in_sandbox "$state" point "$phase" "$k" >"$WORK/log.$phase.$k" 2>&1; then
        echo pass >"$WORK/result.$phase.$k"
        rm -rf --one-file-system -- "$state" "$WORK/log.$phase.$k"
    else
        echo fail >"$WORK/result.$phase.$k"
    fi
}

failures=0 tried=0
die() { echo "FAIL: $*"; FAULT_KEEP=1; exit 1; }
trap '[ "${FAULT_KEEP:-0}" = 1 ] || [ "$failures" != 0 ] && echo "work directory kept: $WORK" || rm -rf --one-file-system -- "$WORK"' EXIT

for phase in 1 2; do
    echo "=== phase $phase: base state"
    if [ "$phase" = 1 ]; then
        in_sandbox "$WORK/base1" setup 1 || die "phase 1 base state"
    else
        cp -a -- "$WORK/base1" "$WORK/base2" && in_sandbox "$WORK/base2" setup 2 || die "phase 2 base state"
    fi
    cp -a -- "$WORK/base$phase" "$WORK/reference$phase"
    in_sandbox "$WORK/reference$phase" reference "$phase" || die "phase $phase reference run"
    rm -rf --one-file-system -- "$WORK/reference$phase"
    K=$(wc -l <"$WORK/$phase.points")
    echo "phase $phase: $K fault points:" \
        "$(awk '{sub(/^[0-9]+ /, ""); n[$0]++} END {for (w in n) printf "%s x%d; ", w, n[w]}' "$WORK/$phase.points")"
    selected_points "$phase" >"$WORK/$phase.selected"
    echo "phase $phase: trying $(wc -l <"$WORK/$phase.selected") kill points, $jobs at a time"

    # A small pool of workers, each taking every jobs-th selected point.
    for w in $(seq 0 $((jobs - 1))); do
        (
            awk -v w="$w" -v n="$jobs" '(NR - 1) % n == w' "$WORK/$phase.selected" |
                while read -r k; do run_point "$phase" "$k"; done
        ) &
    done
    wait

    # No torn main.cf: what a kill left is the base version, the final one, or one seen right
    # after a rename into place ("edit_file: renamed") or at a step boundary (journal written or
    # cleared: no write under way there).
    awk '{print $2, $1}' "$WORK/$phase.base.sums" "$WORK/$phase.final.sums" >"$WORK/$phase.legit"
    for k in $(awk '$2 == "journal" || $3 == "renamed" {print $1}' "$WORK/$phase.points"); do
        [ -f "$WORK/postkill.$phase.$k" ] && awk 'NF == 2 {print $2, $1}' "$WORK/postkill.$phase.$k"
    done >>"$WORK/$phase.legit"
    sed "s|^|$WORK/postkill.$phase.|" "$WORK/$phase.selected" | xargs -r ls 2>/dev/null |
        xargs -r awk 'NR == FNR {ok[$1 " " $2] = 1; next}
            NF == 2 && !(($2 " " $1) in ok) {
                k = FILENAME; sub(/.*\./, "", k); print k, "FAIL: torn " $2 " (SHA-256 " $1 ")"
            }' "$WORK/$phase.legit" >"$WORK/$phase.torn"
    while read -r k line; do
        echo fail >"$WORK/result.$phase.$k"
        printf '%s\n' "$line" >>"$WORK/log.$phase.$k"
    done <"$WORK/$phase.torn"

    while read -r k; do
        tried=$((tried + 1))
        if [ "$(cat "$WORK/result.$phase.$k" 2>/dev/null)" != pass ]; then
            failures=$((failures + 1))
            echo "--- phase $phase, kill point $(sed -n "${k}p" "$WORK/$phase.points"): FAILED"
            sed 's/^/    /' "$WORK/log.$phase.$k" 2>/dev/null | tail -n 30
        fi
    done <"$WORK/$phase.selected"
    echo "phase $phase: the kill left a main.cf.tmp at $(cat "$WORK"/postkill."$phase".* 2>/dev/null |
        grep -c 'main\.cf\.tmp$') points"
done

echo "kill points tried: $tried"
echo "$((tried - failures)) passed, $failures failed ($(($(date +%s) - started)) s)"
[ "$failures" = 0 ]
