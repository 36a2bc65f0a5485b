# driver.sh - runs one scenario inside a pmr-sandbox; sourced by nothing, run
# as: bash driver.sh RECORD_DIR SCENARIO_FILE PM_CMD [PM_ARG...]
#
# Defines the functions a scenario may use:
#   pm ARGS...        run "PM_CMD PM_ARGS... ARGS..." (real postmulti, or
#                     "pmreconcile postmulti"), stdin /dev/null, stdout to a
#                     file, stderr on a pty (see pty-run), and record args,
#                     stdout, stderr and exit status. Returns the exit status.
#                     "VAR=value pm ..." passes VAR to the command only (even
#                     PATH: the driver's own tools keep a fixed PATH).
#   pm_notty ARGS...  the same with stderr a plain file (no terminal anywhere):
#                     how postmulti runs from cron, systemd or a script.
#   track DIR...      add directories to the set that is snapshotted at the
#                     end (instance directories are found automatically).
#   prepare_ports     run prepare-instance-ports --all (127.0.0.1, ports
#                     20025...; deterministic in the private network
#                     namespace the runner uses).
#   count_masters     print the number of live masters in this sandbox.
#   stop_all_masters  "postfix -c DIR stop" for every listed instance
#                     (output discarded); pmr-sandbox kills leftovers anyway.
# and the variables SCRATCH (an empty private tmpfs directory, same path on
# every run) and SANDBOX_TOOLS (tests/sandbox).
#
# Everything else the scenario prints (setup commands) goes to
# RECORD_DIR/setup.log, with a "[pm NN]" marker line at each pm call.
set -u
rec=$1 scenario=$2
shift 2
pm_cmd=("$@")

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SANDBOX_TOOLS=$(cd "$here/../../../sandbox" && pwd)
pty_run=$here/../pty-run
# masters_here, the scan behind count_masters.
. "$here/../../../tools/testlib.sh"
driver_path=/usr/sbin:/usr/bin:/sbin:/bin

mkdir -p "$rec/calls" || exit 125
: >"$rec/dirs"

# A private scratch area with the same path on every run (the namespace is
# private, so this tmpfs is invisible outside and vanishes with it).
mount -t tmpfs -o mode=0755 pmr-scratch /mnt || exit 125
SCRATCH=/mnt/scratch
mkdir -p "$SCRATCH"
export SCRATCH SANDBOX_TOOLS

_pm_n=0

# Record every instance directory currently known to the primary: its own
# config/queue/data directories, then for each directory listed in its
# multi_instance_directories and alternate_config_directories the directory
# and (when it has a main.cf) its queue and data directories.
# Deliberately one awk process and no postconf: right after main.cf was
# written, every Postfix program pauses up to 2 s before reading it
# ("pausing to let main.cf cool down", util/dict.c). Values are taken raw
# (last definition wins, continuation lines joined); a value containing "$"
# is expanded with postconf.
_collect_dirs() {
    local kind d name
    awk -v primary="$primary" -v defq="$def_queue" -v defd="$def_data" '
        function readcf(file, arr,   line, cur, eq, name, v, r) {
            split("", arr); cur = ""
            while ((r = (getline line < file)) > 0) {
                if (line ~ /^[ \t]*$/ || line ~ /^[ \t]*#/) continue
                if (line ~ /^[ \t]/) {
                    if (cur != "") { sub(/^[ \t]+/, "", line); arr[cur] = arr[cur] " " line }
                    continue
                }
                cur = ""
                eq = index(line, "=")
                if (eq == 0) continue
                name = substr(line, 1, eq - 1); sub(/[ \t]+$/, "", name)
                v = substr(line, eq + 1); sub(/^[ \t]+/, "", v)
                cur = name; arr[name] = v
            }
            close(file)
            for (name in arr) sub(/[ \t]+$/, "", arr[name])
            return r == 0
        }
        function dir(cfdir, arr, name, def,   v) {
            v = (name in arr) ? arr[name] : def
            if (v ~ /\$/) { print "expand " cfdir " " name; return }
            sub(/\/+$/, "", v)
            print "dir " v
        }
        BEGIN {
            readcf(primary "/main.cf", P)
            print "config " primary
            dir(primary, P, "queue_directory", defq)
            dir(primary, P, "data_directory", defd)
            n = split(P["multi_instance_directories"] " " P["alternate_config_directories"], L, /[ \t,]+/)
            for (i = 1; i <= n; i++) {
                if (L[i] !~ /^\//) continue
                print "config " L[i]
                if (!readcf(L[i] "/main.cf", S)) continue
                dir(L[i], S, "queue_directory", defq)
                dir(L[i], S, "data_directory", defd)
            }
        }' </dev/null |
    while read -r kind d name; do
        if [ "$kind" = expand ]; then
            echo "dir $(postconf -c "$d" -xh "$name" 2>/dev/null)"
        else
            echo "$kind $d"
        fi
    done >>"$rec/dirs"
}

track() {
    local d
    for d in "$@"; do echo "dir $d" >>"$rec/dirs"; done
}

pm() { _pm_call pm "$@"; }
pm_notty() { _pm_call pm_notty "$@"; }

# _pm_call KIND ARGS...: one recorded call; KIND is pm (stderr on a pty) or
# pm_notty (stderr a plain file, marked with calls/NN.notty for the runner).
_pm_call() {
    local kind=$1 id rc
    shift
    # The caller's PATH ("PATH= pm ...", or unset) is the command's alone.
    local -a command_env=(-u PATH)
    [ -n "${PATH+set}" ] && command_env=("PATH=$PATH")
    local PATH=$driver_path
    _pm_n=$((_pm_n + 1))
    printf -v id '%02d' "$_pm_n"
    echo "[pm $id]"
    _collect_dirs
    printf '%q ' "$kind" "$@" >"$rec/calls/$id.args"
    echo >>"$rec/calls/$id.args"
    local -a pty_mode=()
    if [ "$kind" = pm_notty ]; then
        pty_mode=(--no-pty)
        : >"$rec/calls/$id.notty"
    fi
    PTY_RUN_TIMEOUT=${PM_TIMEOUT:-300} /usr/bin/env "${command_env[@]}" \
        /bin/bash "$pty_run" ${pty_mode[@]+"${pty_mode[@]}"} \
        "$rec/calls/$id.out" "$rec/calls/$id.err" "${pm_cmd[@]}" "$@"
    rc=$?
    echo "$rc" >"$rec/calls/$id.rc"
    _collect_dirs
    return "$rc"
}

# count_masters: the number of live Postfix masters in this sandbox, a stopping one waited for
# (masters_here, tests/tools/testlib.sh), so the count after a stop does not depend on how
# quickly it exits.
count_masters() { masters_here | wc -l; }

prepare_ports() {
    "$SANDBOX_TOOLS/prepare-instance-ports" --all "$@"
}

stop_all_masters() {
    local d
    for d in $(postconf -h multi_instance_directories 2>/dev/null | tr ',' ' ') \
             "$(postconf -h config_directory)"; do
        [ -f "$d/main.cf" ] && postfix -c "$d" stop >/dev/null 2>&1
    done
    return 0
}

cd / || exit 125
primary=$(postconf -dh config_directory)
def_queue=$(postconf -dh queue_directory)
def_data=$(postconf -dh data_directory)
_collect_dirs
# The scenario runs in this shell (so it sees pm & co.) with errexit off.
# shellcheck disable=SC1090
. "$scenario" </dev/null >>"$rec/setup.log" 2>&1
_collect_dirs
exit 0
