# testlib.sh - what every shell test suite shares: step headers, failing and skipping with the
# exit codes CTest reads (1, and 77 for its SKIP_RETURN_CODE), and the scan for live Postfix
# masters in this mount namespace. Sourced by tests/e2e/lib.sh, tests/package/lib.sh and
# tests/differential/postmulti/lib/driver.sh:
#
#     . "$(dirname "${BASH_SOURCE[0]}")/../tools/testlib.sh"
#
# It only defines functions: no option, no environment, nothing run. Sourcing it twice is harmless.
#
# TESTLIB_STEP_SECONDS=1 makes step() add the seconds since the script started (the package tests
# set it: their steps install packages and build, and the time shows where it went).

# step TEXT...: a step header, after a blank line.
step() {
    if [ "${TESTLIB_STEP_SECONDS-0}" = 1 ]; then
        printf '\n=== %s  [%ss]\n' "$*" "$SECONDS"
    else
        printf '\n=== %s\n' "$*"
    fi
}

# fail TEXT...: ends the test, failed (exit 1).
fail() {
    printf 'FAIL: %s\n' "$*"
    exit 1
}

# skip TEXT...: ends the test, skipped (exit 77, CTest's SKIP_RETURN_CODE here).
skip() {
    printf 'SKIP: %s\n' "$*"
    exit 77
}

# masters_here: pids of live Postfix master processes in this mount namespace (a sandbox). A
# master that holds no flock (its master.pid lock) is exiting: `postfix stop` returns as soon as
# the lock is free (master -t), a moment before the process is gone. Such a master is waited for
# (up to 60 s) instead of being counted or not by chance.
masters_here() {
    local p c st myns i
    myns=$(readlink /proc/self/ns/mnt)
    for p in /proc/[0-9]*; do
        c=
        { read -r c <"$p/comm"; } 2>/dev/null
        [ "$c" = master ] || continue
        [ "$(readlink "$p/ns/mnt" 2>/dev/null)" = "$myns" ] || continue
        for ((i = 0; i < 600; i++)); do
            st=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "$p/status" 2>/dev/null)
            { [ "$st" = Z ] || [ -z "$st" ]; } && break
            holds_flock "${p#/proc/}" && break
            sleep 0.1
        done
        [ "$st" = Z ] || [ -z "$st" ] || echo "${p#/proc/}"
    done
}

# holds_flock PID: whether process PID holds a flock(2) lock (a live master holds master.pid's).
holds_flock() {
    awk -v pid="$1" '$2 == "FLOCK" && $5 == pid { found = 1 } END { exit !found }' /proc/locks
}
