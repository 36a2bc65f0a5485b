# lib.sh - shared helpers for the end-to-end tests (tests/e2e/*/NAME.sh): assertions, the
# sandbox, temporary manifests. Each test script is self-contained and starts with
#
#     . "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
#     e2e_begin "$@"
#
# e2e_begin skips the test (exit 77) unless it runs as root on a host with Postfix installed, then
# runs the script again inside tests/sandbox/pmr-sandbox --net: copy-on-write overlays over /etc,
# /var/spool and /var/lib and a private loopback, so real postmulti, postconf and postfix (masters
# included) can be used without touching the host. Everything after e2e_begin runs in the sandbox.
# Outside, the test fails when the sandbox had to kill a Postfix master left running.
#
# Environment: PMRECONCILE, the pmreconcile binary (CTest passes $<TARGET_FILE:pmreconcile>;
# default: build/src/cli/pmreconcile). In the sandbox: E2E_TMP, a scratch directory outside the
# overlaid trees (removed afterwards), and SANDBOX_TOOLS (tests/sandbox).
#
# After `run CMD...` (stdin /dev/null), STATUS is its exit status and $OUT / $ERR name files with
# its standard output and error; the expect_* functions check them and end the test on a mismatch.

set -u
export LC_ALL=C
unset NO_COLOR MAIL_CONFIG

E2E_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# step, fail, skip, masters_here, holds_flock.
. "$E2E_TOP/tests/tools/testlib.sh"
# Step headers without the time. The package tests that run in the sandbox source this file after
# tests/package/lib.sh (which asks for it) and so print these headers too.
TESTLIB_STEP_SECONDS=0
SANDBOX_TOOLS=$E2E_TOP/tests/sandbox
: "${PMRECONCILE:=$E2E_TOP/build/src/cli/pmreconcile}"
export PMRECONCILE SANDBOX_TOOLS

e2e_begin() {
    if [ -n "${E2E_IN_SANDBOX-}" ]; then
        exec 2>&1 </dev/null
        OUT=$E2E_TMP/out ERR=$E2E_TMP/err STATUS=
        cd "$E2E_TMP" || exit 1
        trap '_e2e_exit $?' EXIT
        return 0
    fi
    [ "$(id -u)" = 0 ] || skip "needs root (to run Postfix in a private mount namespace)"
    local p
    for p in postfix postmulti postconf postsuper sendmail; do
        command -v "$p" >/dev/null 2>&1 || [ -x "/usr/sbin/$p" ] ||
            skip "Postfix is not installed ($p not found)"
    done
    [ -x "$PMRECONCILE" ] || fail "PMRECONCILE=$PMRECONCILE is not executable"
    local script tmp rc
    script=$(readlink -f -- "$0")
    tmp=$(mktemp -d "${TMPDIR:-/tmp}/pmr-e2e.XXXXXX") || exit 1
    chmod 0755 "$tmp" && mkdir -m 0755 "$tmp/t" || exit 1
    E2E_IN_SANDBOX=1 E2E_TMP=$tmp/t PATH=/usr/sbin:/usr/bin:/sbin:/bin \
        "$SANDBOX_TOOLS/pmr-sandbox" --net -- bash "$script" "$@" 2>"$tmp/sandbox.err"
    rc=$?
    cat "$tmp/sandbox.err" >&2
    if grep -q 'killing postfix master' "$tmp/sandbox.err"; then
        echo "FAIL: a Postfix master was left running in the sandbox"
        rc=1
    fi
    rm -rf --one-file-system -- "$tmp"
    exit "$rc"
}

_e2e_exit() {
    local rc=$1
    trap - EXIT
    if [ "$rc" = 0 ] && [ -n "$(masters_here)" ]; then
        echo "FAIL: Postfix masters still running at the end: $(masters_here | tr '\n' ' ')"
        rc=1
    fi
    if [ "$rc" = 0 ]; then echo "PASS"; else echo "FAILED (exit $rc)"; fi
    exit "$rc"
}

# --- reporting (step and fail: tests/tools/testlib.sh) -----------------------------------------

_show_last() {
    printf -- '--- last command: %s (exit %s)\n' "${LAST_COMMAND-}" "${STATUS-}"
    printf -- '--- stdout:\n'; cat "$OUT" 2>/dev/null
    printf -- '--- stderr:\n'; cat "$ERR" 2>/dev/null
    printf -- '---\n'
}

# --- running commands -----------------------------------------------------------------------

# run CMD...: runs CMD with stdin /dev/null; sets STATUS, $OUT, $ERR.
run() {
    LAST_COMMAND=$(printf '%q ' "$@")
    printf '$ %s\n' "$LAST_COMMAND"
    "$@" </dev/null >"$OUT" 2>"$ERR"
    STATUS=$?
    return 0
}

# pmr ARGS...: run pmreconcile.
pmr() { run "$PMRECONCILE" "$@"; }

# must CMD...: runs CMD (output shown) and fails the test unless it succeeds.
must() {
    printf '+ %s\n' "$(printf '%q ' "$@")"
    "$@" </dev/null || fail "command failed (exit $?): $*"
}

expect_status() {
    [ "$STATUS" = "$1" ] && return 0
    _show_last
    fail "${2:-exit status} is $STATUS, expected $1"
}

# expect_out TEXT / expect_err TEXT: the whole output, exactly (a final newline added to TEXT).
expect_out() { _expect_text "$OUT" stdout "$1"; }
expect_err() { _expect_text "$ERR" stderr "$1"; }
_expect_text() {
    if ! diff -u <(printf '%s\n' "$3") "$1" >"$E2E_TMP/diff"; then
        _show_last
        cat "$E2E_TMP/diff"
        fail "$2 of '$LAST_COMMAND' differs from the expected text (diff above: - expected, + actual)"
    fi
}
expect_out_empty() { [ ! -s "$OUT" ] || { _show_last; fail "stdout is not empty"; }; }
expect_err_empty() { [ ! -s "$ERR" ] || { _show_last; fail "stderr is not empty"; }; }

# expect_out_line LINE / expect_err_line LINE: one line is exactly LINE.
expect_out_line() { grep -qxF -- "$1" "$OUT" || { _show_last; fail "stdout lacks the line: $1"; }; }
expect_err_line() { grep -qxF -- "$1" "$ERR" || { _show_last; fail "stderr lacks the line: $1"; }; }
# expect_out_has TEXT / expect_out_lacks TEXT: a substring, anywhere.
expect_out_has() { grep -qF -- "$1" "$OUT" || { _show_last; fail "stdout lacks: $1"; }; }
expect_out_lacks() { ! grep -qF -- "$1" "$OUT" || { _show_last; fail "stdout has: $1"; }; }
expect_err_has() { grep -qF -- "$1" "$ERR" || { _show_last; fail "stderr lacks: $1"; }; }

# plan_steps FILE: the step lines of a plan text ("  + 2. create NAME (DIR)").
plan_steps() { grep -E '^  . [0-9]+\. ' "${1:-$OUT}"; }
# expect_steps TEXT: the plan's step lines, exactly.
expect_steps() {
    if ! diff -u <(printf '%s\n' "$1") <(plan_steps "$OUT") >"$E2E_TMP/diff"; then
        _show_last
        cat "$E2E_TMP/diff"
        fail "the steps of '$LAST_COMMAND' differ (diff above: - expected, + actual)"
    fi
}

expect_eq() {
    [ "$2" = "$3" ] && return 0
    printf -- '--- expected:\n%s\n--- actual:\n%s\n' "$2" "$3"
    fail "$1 differs"
}

# --- manifests ------------------------------------------------------------------------------

# manifest NAME <<'EOF' ... EOF: writes a manifest from stdin to $E2E_TMP/NAME.
manifest() { cat >"$E2E_TMP/$1"; }

# --- the host -------------------------------------------------------------------------------

# cf DIR NAME: the raw value NAME has in DIR/main.cf (last definition, continuation lines
# joined), without postconf: Postfix programs pause up to 2 s before reading a main.cf that
# was just written.
cf() {
    awk -v want="$2" '
        /^[ \t]*$/ || /^[ \t]*#/ { next }
        /^[ \t]/ { if (cur) { sub(/^[ \t]+/, ""); val = val " " $0 } next }
        {
            cur = 0
            eq = index($0, "="); if (eq == 0) next
            name = substr($0, 1, eq - 1); sub(/[ \t]+$/, "", name)
            if (name != want) next
            v = substr($0, eq + 1); sub(/^[ \t]+/, "", v); val = v; cur = 1; found = 1
        }
        END { sub(/[ \t]+$/, "", val); if (found) print val; exit !found }
    ' "$1/main.cf"
}

# expect_cf DIR NAME VALUE: DIR/main.cf sets NAME to exactly VALUE.
expect_cf() {
    local v
    v=$(cf "$1" "$2") || fail "$1/main.cf does not set $2 (expected '$3')"
    [ "$v" = "$3" ] || fail "$1/main.cf: $2 = '$v', expected '$3'"
}

# tree_state: every file, directory and link under /etc, /var/spool and /var/lib with type,
# mode, owner, size, mtime and ctime (a write or metadata change of any kind moves the ctime),
# and the SHA-256 of every regular file. Sockets and FIFOs are listed without times: a running
# master's wake-up writes to its services' FIFOs move them.
tree_state() {
    find /etc /var/spool /var/lib -xdev \( -type p -o -type s \) -printf '%p\t%y\t%m\t%U:%G\n' \
        -o -printf '%p\t%y\t%m\t%U:%G\t%s\t%T@\t%C@\t%l\n' | sort
    find /etc /var/spool /var/lib -xdev -type f -print0 | sort -z | xargs -0 sha256sum
}

# snapshot NAME: saves tree_state as $E2E_TMP/NAME.tree.
snapshot() { tree_state >"$E2E_TMP/$1.tree"; }

# expect_unchanged NAME: tree_state equals the snapshot NAME.
expect_unchanged() {
    tree_state >"$E2E_TMP/now.tree"
    if ! diff -u "$E2E_TMP/$1.tree" "$E2E_TMP/now.tree" >"$E2E_TMP/diff"; then
        head -n 60 "$E2E_TMP/diff"
        fail "files under /etc, /var/spool or /var/lib changed since snapshot '$1' (diff above)"
    fi
}

# expect_ended PID: the process PID has ended (a zombie counts as ended). `postfix stop` returns
# once master -t finds the lock free; the master may still be finishing its exit then, so this
# waits for it, up to 60 s: on a loaded machine (parallel builds) exiting can take seconds, and
# only a master that does not end at all may fail the test.
expect_ended() {
    local st i
    for ((i = 0; i < 600; i++)); do
        st=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$1/status" 2>/dev/null)
        [ -z "$st" ] || [ "$st" = Z ] && return 0
        sleep 0.1
    done
    fail "master $1 still runs (state $st)"
}

expect_no_masters() {
    local left
    left=$(masters_here)
    [ -z "$left" ] || fail "Postfix masters still running: $(echo $left)"
}

# prepare_ports DIR...: listen on 127.0.0.1 with every inet service on a free port.
prepare_ports() { must "$SANDBOX_TOOLS/prepare-instance-ports" "$@"; }

# running DIR: whether the instance's master runs (postfix status succeeds).
running() { postfix -c "$1" status >/dev/null 2>&1; }

expect_running() { running "$1" || fail "instance $1 is not running (postfix -c $1 status)"; }
expect_stopped() { ! running "$1" || fail "instance $1 is running (postfix -c $1 status)"; }

# start DIR: postfix -c DIR start, then it must report running.
start() {
    must postfix -c "$1" start
    expect_running "$1"
}

# master_pid DIR: the pid in the instance's master.pid.
master_pid() {
    local q
    q=$(cf "$1" queue_directory) || q=/var/spool/postfix
    tr -d ' \n' <"$q/pid/master.pid"
}

# setup MANIFEST: apply MANIFEST to set the scene; the test fails unless it succeeds.
setup() {
    pmr apply -f "$1" --auto-approve
    expect_status 0 "setting the scene with 'apply -f $1'"
}

# inode PATH: the inode number of PATH (a renamed or reused directory keeps it; a new one does not).
inode() { stat -c %i -- "$1"; }

# expect_applied TEXT: apply's progress lines ("[1/3] ! stop NAME (DIR)") and its closing
# "Apply complete: ..." line, exactly.
expect_applied() {
    if ! diff -u <(printf '%s\n' "$1") <(grep -E '^(\[[0-9]+/[0-9]+\] |Apply complete)' "$OUT") \
        >"$E2E_TMP/diff"; then
        _show_last
        cat "$E2E_TMP/diff"
        fail "the steps '$LAST_COMMAND' carried out differ (diff above: - expected, + actual)"
    fi
}
