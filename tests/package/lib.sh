# lib.sh - helpers of the packaging tests (tests/package/*.sh): reporting (tests/tools/testlib.sh),
# and tools installed from Debian's packages when missing (as root), or the test skipped (exit 77)
# when they cannot be.

set -u
export LC_ALL=C
unset NO_COLOR MAIL_CONFIG

PKG_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# step, fail, skip (exit 77); step headers with the seconds since the start.
. "$PKG_TOP/tests/tools/testlib.sh"
TESTLIB_STEP_SECONDS=1

apt_install() {
    DEBIAN_FRONTEND=noninteractive apt-get install -o DPkg::Lock::Timeout=300 -y -qq \
        --no-install-recommends "$@" >/dev/null 2>&1
}

# need_tools TOOL=PACKAGE...: every TOOL on PATH (or in /usr/sbin, /sbin), installing PACKAGE with
# apt-get when it is missing; skips the test when that is not possible.
need_tools() {
    local pair tool package missing=()
    for pair in "$@"; do
        tool=${pair%%=*} package=${pair#*=}
        command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || [ -x "/sbin/$tool" ] ||
            missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    [ "$(id -u)" = 0 ] || skip "missing ${missing[*]} (run as root to install them)"
    command -v apt-get >/dev/null 2>&1 || skip "missing ${missing[*]} and no apt-get"
    echo "installing ${missing[*]}"
    apt_install "${missing[@]}" || { apt-get update -qq >/dev/null 2>&1 && apt_install "${missing[@]}"; } ||
        skip "cannot install ${missing[*]}"
    for pair in "$@"; do
        tool=${pair%%=*}
        command -v "$tool" >/dev/null 2>&1 || [ -x "/usr/sbin/$tool" ] || [ -x "/sbin/$tool" ] ||
            skip "$tool still missing after installing ${pair#*=}"
    done
}

# help_options ARGS...: the option names `pmreconcile ARGS... --help` lists, one a line.
help_options() {
    "$PMRECONCILE" "$@" --help |
        awk '/^Options:/ { on = 1; next } /^[A-Z][a-z]*:/ { on = 0 }
             on && /^  +-/ { sub(/^ +/, ""); split($1, names, ","); for (i in names) print names[i] }' |
        sort -u
}

# help_subcommands: the subcommands `pmreconcile --help` lists, one a line.
help_subcommands() {
    "$PMRECONCILE" --help |
        awk '/^Subcommands:/ { on = 1; next } /^[A-Z][a-z]*/ { on = 0 } on && /^  [a-z]/ { print $1 }'
}
