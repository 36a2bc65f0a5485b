# driver.sh - runs one scenario inside a pmr-sandbox; sourced by nothing, run
# as: bash driver.sh RECORD_DIR SCENARIO_FILE PM_CMD [PM_ARG...]
#
# Defines the functions a scenario may use:
#   pm ARGS...        run "PM_CMD PM_ARGS... ARGS..." (real postmulti, or
#                     "pmreconcile postmulti"), stdin /dev/null, stdout to a
#                     file, stderr on a pty (see pty-run), and record args,
#                     stdout, stderr and exit status. Returns the exit status.
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

mkdir -p "$rec/calls" || exit 125
: >"$rec/dirs"

# A private scratch area with the same path on every run (the namespace is
# private, so this tmpfs is invisible outside and vanishes with it).
mount -t tmpfs -o mode=0755 pmr-scratch /mnt || exit 125
SCRATCH=/mnt/scratch
mkdir -p "$SCRATCH"
export SCRATCH SANDBOX_TOOLS

_pm_n=0

# cf_vals FILE NAME...: "NAME=VALUE" for each NAME defined in main.cf FILE
# (raw, unexpanded; last definition wins; continuation lines joined).
# Deliberately not postconf: right after main.cf was written, every Postfix
# program pauses up to 2 s before reading it ("pausing to let main.cf cool
# down", util/dict.c), which would slow every pm call down.
cf_vals() {
    [ -r "$1" ] || return 0
    awk -v names="${*:2}" '
        BEGIN { n = split(names, w, " "); for (i = 1; i <= n; i++) want[w[i]] = 1 }
        /^[ \t]*$/ || /^[ \t]*#/ { next }
        /^[ \t]/ { if (cur != "") { sub(/^[ \t]+/, ""); val[cur] = val[cur] " " $0 } next }
        {
            cur = ""
            eq = index($0, "=")
            if (eq == 0) next
            name = substr($0, 1, eq - 1); sub(/[ \t]+$/, "", name)
            if (!(name in want)) next
            v = substr($0, eq + 1); sub(/^[ \t]+/, "", v)
            cur = name; val[name] = v
        }
        END { for (k in val) { v = val[k]; sub(/[ \t]+$/, "", v); print k "=" v } }
    ' "$1"
}

# Record every instance directory currently known to the primary.
_collect_dirs() {
    local d k v mdirs= adirs= q d2
    local -A pv=()
    while IFS= read -r k; do pv[${k%%=*}]=${k#*=}; done < <(
        cf_vals "$primary/main.cf" queue_directory data_directory \
            multi_instance_directories alternate_config_directories)
    {
        echo "config $primary"
        _dir_of "$primary" queue_directory "${pv[queue_directory]-}" "$def_queue"
        _dir_of "$primary" data_directory "${pv[data_directory]-}" "$def_data"
        for d in ${pv[multi_instance_directories]-} ${pv[alternate_config_directories]-}; do
            d=${d//,/ }
            for d2 in $d; do
                case $d2 in /*) ;; *) continue;; esac
                echo "config $d2"
                [ -f "$d2/main.cf" ] || continue
                local -A sv=()
                while IFS= read -r k; do sv[${k%%=*}]=${k#*=}; done < <(
                    cf_vals "$d2/main.cf" queue_directory data_directory)
                _dir_of "$d2" queue_directory "${sv[queue_directory]-}" "$def_queue"
                _dir_of "$d2" data_directory "${sv[data_directory]-}" "$def_data"
                unset sv
            done
        done
    } >>"$rec/dirs"
}

# _dir_of CONFIG_DIR NAME RAW DEFAULT: print "dir PATH" (expanding a value
# with "$" in it with postconf).
_dir_of() {
    local v=$3
    case $v in
    '') v=$4;;
    *'$'*) v=$(postconf -c "$1" -xh "$2" 2>/dev/null);;
    esac
    echo "dir ${v%/}"
}

track() {
    local d
    for d in "$@"; do echo "dir $d" >>"$rec/dirs"; done
}

pm() {
    local id rc
    _pm_n=$((_pm_n + 1))
    printf -v id '%02d' "$_pm_n"
    echo "[pm $id]"
    _collect_dirs
    printf '%q ' pm "$@" >"$rec/calls/$id.args"
    echo >>"$rec/calls/$id.args"
    timeout -k 5 "${PM_TIMEOUT:-120}" "$pty_run" "$rec/calls/$id.out" "$rec/calls/$id.err" \
        "${pm_cmd[@]}" "$@"
    rc=$?
    echo "$rc" >"$rec/calls/$id.rc"
    _collect_dirs
    return "$rc"
}

# count_masters: number of live Postfix master processes in this sandbox.
count_masters() {
    local p c st n=0 myns
    myns=$(readlink /proc/self/ns/mnt)
    for p in /proc/[0-9]*; do
        c=
        { read -r c <"$p/comm"; } 2>/dev/null
        [ "$c" = master ] || continue
        [ "$(readlink "$p/ns/mnt" 2>/dev/null)" = "$myns" ] || continue
        st=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "$p/status" 2>/dev/null)
        [ "$st" = Z ] && continue
        n=$((n + 1))
    done
    echo "$n"
}

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
