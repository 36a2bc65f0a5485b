#!/usr/bin/env bash
# The Debian package: cpack builds it into a temporary directory; dpkg-deb shows its control fields
# (Package, Section mail, Depends on postfix and the shared libraries); lintian reports no error
# and no warning (copyright in DEP-5 form, changelog.gz, description lines); its files (the
# executable, GitOps' forced command pmreconcile-remote, schema, examples, man pages, bash
# completion and systemd units, copyright and changelog.gz, and no postmulti);
# dpkg -x unpacks it into a throwaway root (never onto the host), where
#   - the man pages render without groff warnings and document every subcommand, every option
#     `--help` lists and every manifest key the JSON Schema has;
#   - systemd-analyze verify accepts the units (ExecStart pointed at the unpacked executable),
#     the service runs `check` as a oneshot for which exit 2 (drift) is success, and its command
#     line, run in a sandbox, writes the textfile and exits 2 on drift;
#   - promtool accepts that textfile and the one of a failed check (every metric with HELP and
#     TYPE, no label named instance), each metric is described in pmreconcile(8) METRICS, and
#     promtool accepts its example alert rules;
#   - the bash completion loads, and completes subcommands, every option of each subcommand,
#     files after -f and this host's instance names after -i;
#   - the executable runs, and validates the installed examples, whose modelines name the
#     installed schema.
# `cmake --install` with DESTDIR installs the same files; with another prefix, the units name
# that prefix's executable.
#
# Environment: PMR_BUILD_DIR, the configured and built build directory (CTest passes it; cpack
# first builds its `all` target, which is then up to date).
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

build=${PMR_BUILD_DIR:-$PKG_TOP/build}
[ -f "$build/CPackConfig.cmake" ] || fail "$build/CPackConfig.cmake missing: configure the project first"
need_tools cpack=cmake dpkg-deb=dpkg dpkg-shlibdeps=dpkg-dev man=man-db groff=groff-base \
    systemd-analyze=systemd readelf=binutils python3=python3 promtool=prometheus lintian=lintian

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pmr-package.XXXXXX") || exit 1
trap 'rm -rf --one-file-system -- "$tmp"' EXIT
root=$tmp/root

step "cpack builds the .deb"
cpack -G DEB --config "$build/CPackConfig.cmake" -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1 ||
    { cat "$tmp/cpack.log"; fail "cpack failed"; }
debs=("$tmp"/pkg/*.deb)
[ ${#debs[@]} = 1 ] && [ -f "${debs[0]}" ] || { ls -l "$tmp/pkg"; fail "expected one .deb"; }
deb=${debs[0]}
echo "built ${deb##*/} ($(stat -c %s "$deb") bytes)"

step "control fields"
field() { dpkg-deb -f "$deb" "$1"; }
dpkg-deb -I "$deb" | sed -n '/Package:/,$p'
[ "$(field Package)" = pmreconcile ] || fail "Package is '$(field Package)'"
[ "$(field Section)" = mail ] || fail "Section is '$(field Section)'"
[ "$(field Architecture)" = "$(dpkg --print-architecture)" ] || fail "Architecture is '$(field Architecture)'"
depends=$(field Depends)
# dpkg-shlibdeps names libspdlog1.10-fmt9, which Debian 12's libspdlog1.10 provides.
for want in postfix 'libyaml-cpp0\.7' 'libspdlog1\.10(-fmt9)?' libc6 'libstdc\+\+6'; do
    printf '%s\n' "$depends" | tr ',' '\n' | sed 's/^ *//; s/[ (].*//' | grep -qxE "$want" ||
        fail "Depends lacks $want: $depends"
done
[ -n "$(field Description)" ] || fail "no Description"

step "lintian: no error, no warning"
# As Debian's archive checks a package; its informational tags are shown, not failed on.
lintian --display-level '>=info' --fail-on error,warning "$deb" 2>&1 |
    grep -v '^running with root privileges' | tee "$tmp/lintian.log"
rc=${PIPESTATUS[0]}
[ "$rc" = 0 ] || fail "lintian reports errors or warnings (exit $rc, above)"
! grep -qE '^[EW]: ' "$tmp/lintian.log" || fail "lintian reports errors or warnings (above)"
for file in copyright changelog.gz; do
    dpkg-deb -c "$deb" | grep -qE " \./usr/share/doc/pmreconcile/$file\$" || fail "the package lacks $file"
done

step "contents"
dpkg-deb -c "$deb" >"$tmp/contents"
cat "$tmp/contents"
awk '{ print $6 }' "$tmp/contents" | sed 's|^\./|/|; s|/$||' | grep -v '^$' | sort >"$tmp/paths"
files=(/usr/sbin/pmreconcile
       /usr/share/pmreconcile/schema/pmreconcile.schema.json
       /usr/share/man/man8/pmreconcile.8.gz
       /usr/share/man/man5/pmreconcile.yaml.5.gz
       /usr/share/bash-completion/completions/pmreconcile
       /lib/systemd/system/pmreconcile-check.service
       /lib/systemd/system/pmreconcile-check.timer
       /usr/share/doc/pmreconcile/README.md
       /usr/share/doc/pmreconcile/CHANGELOG.md
       /usr/share/doc/pmreconcile/copyright
       /usr/share/doc/pmreconcile/changelog.gz
       /usr/lib/pmreconcile/pmreconcile-remote)
examples=()
for example in "$PKG_TOP"/examples/*.yaml; do
    examples+=("/usr/share/doc/pmreconcile/examples/${example##*/}")
done
[ ${#examples[@]} -gt 0 ] || fail "no examples/*.yaml in the source tree"
for path in "${files[@]}" "${examples[@]}"; do
    grep -qxF "$path" "$tmp/paths" || fail "the package lacks $path"
done
! grep -E '(^|/)postmulti$' "$tmp/paths" || fail "the package must not install a postmulti"
! grep -E '^/(etc|var|usr/local)(/|$)' "$tmp/paths" ||
    fail "the package must not install under /etc, /var or /usr/local"
awk '$2 != "root/root" { print; bad = 1 } END { exit bad }' "$tmp/contents" ||
    fail "files not owned by root/root"
for program in /usr/sbin/pmreconcile /usr/lib/pmreconcile/pmreconcile-remote; do
    grep -E " \.$program\$" "$tmp/contents" | grep -q '^-rwxr-xr-x ' || fail "$program is not mode 0755"
done

step "dpkg -x into a throwaway root"
dpkg -x "$deb" "$root" || fail "dpkg -x failed"
PMRECONCILE=$root/usr/sbin/pmreconcile
export PMRECONCILE
version=$("$PMRECONCILE" --version) || fail "the packaged executable does not run"
echo "$version"
[ "$version" = "pmreconcile $(field Version)" ] || fail "--version says '$version', the package $(field Version)"
! readelf -S "$PMRECONCILE" | grep -q '\.debug_info' || fail "the packaged executable is not stripped"

step "schema and examples"
cmp "$root/usr/share/pmreconcile/schema/pmreconcile.schema.json" "$PKG_TOP/schema/pmreconcile.schema.json" ||
    fail "the installed schema differs from schema/pmreconcile.schema.json"
modeline_schema=$(grep -aoE 'yaml-language-server: \$schema=/[^ "\\]+' "$PMRECONCILE" | head -n 1)
modeline_schema=${modeline_schema#*=}
[ "$modeline_schema" = /usr/share/pmreconcile/schema/pmreconcile.schema.json ] ||
    fail "export's modeline names '$modeline_schema'"
[ -f "$root$modeline_schema" ] || fail "export's modeline names $modeline_schema, which the package lacks"
for path in "${examples[@]}"; do
    first=$(head -n 1 "$root$path")
    [ "$first" = "# yaml-language-server: \$schema=$modeline_schema" ] ||
        fail "$path: modeline '$first' does not name the installed schema"
    diff <(tail -n +2 "$root$path") <(tail -n +2 "$PKG_TOP/examples/${path##*/}") >/dev/null ||
        fail "$path differs from examples/${path##*/} beyond its modeline"
    "$PMRECONCILE" validate -f "$root$path" || fail "$path does not validate"
done

step "man pages render without warnings"
page8=$root/usr/share/man/man8/pmreconcile.8.gz
page5=$root/usr/share/man/man5/pmreconcile.yaml.5.gz
for page in "$page8" "$page5"; do
    warnings=$(MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
    [ -z "$warnings" ] || { printf '%s\n' "$warnings"; fail "${page##*/}: warnings"; }
done
MANWIDTH=80 man -l "$page8" 2>/dev/null >"$tmp/pmreconcile.8.txt"
MANWIDTH=80 man -l "$page5" 2>/dev/null >"$tmp/pmreconcile.yaml.5.txt"
[ -s "$tmp/pmreconcile.8.txt" ] && [ -s "$tmp/pmreconcile.yaml.5.txt" ] || fail "a man page renders empty"

step "pmreconcile(8) documents every subcommand and option"
# section FILE HEADING: the rendered lines from HEADING to the next heading of its level.
section() {
    awk -v h="$2" '
        function level(s) { match(s, /^ */); return RLENGTH }
        on && /^[^ ]/ { exit }
        on && level($0) == 3 && lvl == 3 { exit }
        !on && index($0, h) == 1 { on = 1; lvl = level($0); print; next }
        on { print }' "$1"
}
# documents TEXT OPTION: OPTION appears as a word in TEXT.
documents() { printf '%s\n' "$1" | grep -qE -- "(^|[^-[:alnum:]])$2([^-[:alnum:]]|\$)"; }
global=$(section "$tmp/pmreconcile.8.txt" "GLOBAL OPTIONS")
for option in $(help_options); do
    documents "$global" "$option" || fail "GLOBAL OPTIONS lacks $option"
done
subcommands=$(help_subcommands)
[ -n "$subcommands" ] || fail "pmreconcile --help lists no subcommands"
for subcommand in $subcommands; do
    if [ "$subcommand" = postmulti ]; then
        text=$(section "$tmp/pmreconcile.8.txt" "POSTMULTI COMPATIBILITY")
        for option in -a -e -g -G -i -I -l -p -R -v -x; do
            documents "$text" "$option" || fail "POSTMULTI COMPATIBILITY lacks postmulti's $option"
        done
    else
        text=$(section "$tmp/pmreconcile.8.txt" "   $subcommand")
    fi
    [ -n "$text" ] || fail "pmreconcile(8) has no section for the subcommand $subcommand"
    for option in $(help_options "$subcommand"); do
        case $option in -h | --help) continue ;; esac
        documents "$text" "$option" || fail "pmreconcile(8): $subcommand's section lacks $option"
    done
done
exits=$(section "$tmp/pmreconcile.8.txt" "EXIT STATUS")
for status in 0 1 2; do
    printf '%s\n' "$exits" | grep -qE "^       $status( |\$)" || fail "EXIT STATUS lacks $status"
done
filesection=$(section "$tmp/pmreconcile.8.txt" "FILES")
for path in /etc/pmreconcile/instances.yaml /var/lib/pmreconcile/NAME/lock \
    /var/lib/pmreconcile/NAME/journal.json "$modeline_schema"; do
    printf '%s\n' "$filesection" | grep -qF -- "$path" || fail "FILES lacks $path"
done
grep -qF 'multi_instance_wrapper = /usr/sbin/pmreconcile postmulti -p --' "$tmp/pmreconcile.8.txt" ||
    fail "pmreconcile(8) does not show the multi_instance_wrapper setting"
[ -n "$(section "$tmp/pmreconcile.8.txt" EXAMPLES)" ] || fail "pmreconcile(8) has no EXAMPLES"

step "pmreconcile.yaml(5) documents every manifest key"
keys=$(python3 - "$root$modeline_schema" <<'EOF'
import json, sys
schema = json.load(open(sys.argv[1]))
keys = set(schema["properties"])
keys |= set(schema["properties"]["primary"]["properties"])
keys |= set(schema["definitions"]["instance"]["properties"])
print("\n".join(sorted(keys)))
EOF
) || fail "cannot read the schema's keys"
for key in $keys; do
    # A tag of a .TP list: the key alone, or followed by its text, at the indentation of tags.
    grep -qE "^       $key( |\$)" "$tmp/pmreconcile.yaml.5.txt" ||
        fail "pmreconcile.yaml(5) does not describe the key '$key'"
done
for value in keep deport destroy present absent; do
    grep -qE "^ +$value( |\$)|[ (]$value[ ),.:;]" "$tmp/pmreconcile.yaml.5.txt" ||
        fail "pmreconcile.yaml(5) does not mention the value '$value'"
done

step "systemd units"
units=$tmp/units
mkdir -p "$units"
for unit in pmreconcile-check.service pmreconcile-check.timer; do
    cp "$root/lib/systemd/system/$unit" "$units/"
done
service=$units/pmreconcile-check.service
exec_start=$(sed -n 's/^ExecStart=//p' "$service")
[ "$exec_start" = "/usr/sbin/pmreconcile check -f /etc/pmreconcile/instances.yaml --prometheus /var/lib/prometheus/node-exporter/pmreconcile.prom" ] ||
    fail "ExecStart is '$exec_start'"
grep -qx 'Type=oneshot' "$service" || fail "the service is not Type=oneshot"
# A oneshot has no start timeout by default: a hung check would stop every later one (#12).
grep -qE '^TimeoutStartSec=[1-9]' "$service" || fail "the service has no TimeoutStartSec="
grep -E '^SuccessExitStatus=' "$service" | grep -qw 2 || fail "exit status 2 (drift) is not success"
grep -qx 'Persistent=true' "$units/pmreconcile-check.timer" || fail "the timer is not Persistent=true"
grep -qE '^OnCalendar=' "$units/pmreconcile-check.timer" || fail "the timer has no OnCalendar="
grep -qx 'WantedBy=timers.target' "$units/pmreconcile-check.timer" || fail "the timer is not WantedBy=timers.target"
# ExecStart must name an executable that exists here: the unpacked one. Nothing else changes.
sed -i "s|^ExecStart=/usr/sbin/pmreconcile |ExecStart=$PMRECONCILE |" "$service"
[ "$(diff "$root/lib/systemd/system/pmreconcile-check.service" "$service" | grep -c '^[<>]')" = 2 ] ||
    fail "rewriting ExecStart changed more than that line"
# Documentation=man:... must resolve: the man pages are looked up in the unpacked root.
verify=$(MANPATH=$root/usr/share/man systemd-analyze verify "$service" "$units/pmreconcile-check.timer" 2>&1)
rc=$?
[ -n "$verify" ] && printf '%s\n' "$verify"
[ "$rc" = 0 ] && [ -z "$verify" ] || fail "systemd-analyze verify: exit $rc, or warnings (above)"
echo "systemd-analyze verify: ok"

if [ "$(id -u)" = 0 ] && [ -x /usr/sbin/postconf ] && command -v unshare >/dev/null; then
    step "the service's command line, in a sandbox: drift is exit 2, the textfile is written"
    read -r -a argv <<<"$exec_start"
    argv[0]=$PMRECONCILE
    cat >"$tmp/drift.sh" <<'EOF'
set -u
mkdir -p /etc/pmreconcile /var/lib/prometheus/node-exporter
printf 'version: 1\ninstances:\n  - name: postfix-pkgtest\n' >/etc/pmreconcile/instances.yaml
"$@" >/dev/null
rc=$?
echo "exit $rc"
cat /var/lib/prometheus/node-exporter/pmreconcile.prom
cp /var/lib/prometheus/node-exporter/pmreconcile.prom "$PMR_PROM_COPY.drift"
# A check that fails (a manifest that does not validate) still writes the textfile.
printf 'version: 2\n' >/etc/pmreconcile/instances.yaml
"$@" >/dev/null 2>&1
cp /var/lib/prometheus/node-exporter/pmreconcile.prom "$PMR_PROM_COPY.failed"
exit "$rc"
EOF
    PMR_PROM_COPY=$tmp/textfile PATH=/usr/sbin:/usr/bin:/sbin:/bin "$PKG_TOP/tests/sandbox/pmr-sandbox" -- \
        bash "$tmp/drift.sh" "${argv[@]}" >"$tmp/drift.out" 2>&1
    rc=$?
    cat "$tmp/drift.out"
    [ "$rc" = 2 ] || fail "the service's command exits $rc on drift, expected 2 (SuccessExitStatus)"
    grep -qx 'pmreconcile_drift{postfix_instance="postfix-pkgtest",config_directory="/etc/postfix-pkgtest"} 1' "$tmp/drift.out" ||
        fail "the textfile lacks the drift of postfix-pkgtest"
    grep -qx 'pmreconcile_last_run_success 1' "$tmp/drift.out" || fail "the textfile lacks last_run_success 1"
    grep -qx 'pmreconcile_last_run_success 0' "$tmp/textfile.failed" ||
        fail "the textfile of a failed check lacks last_run_success 0"

    step "promtool: the textfiles are valid, every metric has HELP and TYPE and is documented"
    for textfile in "$tmp/textfile.drift" "$tmp/textfile.failed"; do
        # promtool lints too (a metric without HELP, a bad name or unit) and then exits 1.
        promtool check metrics <"$textfile" || fail "promtool check metrics: ${textfile##*.} textfile"
    done
    metrics=$(sed -n 's/^\(pmreconcile_[a-z_]*\).*/\1/p' "$tmp/textfile.drift" | sort -u)
    [ "$(printf '%s\n' "$metrics" | wc -l)" = 6 ] || fail "expected 6 metrics, got: $metrics"
    metric_docs=$(sed -n '/^METRICS/,/^[A-Z]/p' "$tmp/pmreconcile.8.txt")
    for metric in $metrics; do
        grep -qx "# HELP $metric .*" "$tmp/textfile.drift" || fail "$metric has no HELP line"
        grep -qx "# TYPE $metric gauge" "$tmp/textfile.drift" || fail "$metric has no TYPE line"
        printf '%s\n' "$metric_docs" | grep -qE "^       $metric(\{| |\$)" ||
            fail "pmreconcile(8) METRICS does not describe $metric"
    done
    ! grep -E '[{,]instance=' "$tmp/textfile.drift" ||
        fail "a label named instance collides with the one Prometheus adds on scraping"
    # The example alert rules in pmreconcile(8) load.
    printf '%s\n' "$metric_docs" | awk '/^ +groups:/ { on = 1 } on && /^$/ { exit } on' |
        sed 's/^           //' >"$tmp/rules.yml"
    [ -s "$tmp/rules.yml" ] || fail "pmreconcile(8) METRICS has no example alert rules"
    promtool check rules "$tmp/rules.yml" || fail "promtool check rules: pmreconcile(8)'s example"
else
    echo "(not root or no Postfix: the service's command line is not run)"
fi

step "bash completion"
completion=$root/usr/share/bash-completion/completions/pmreconcile
loaded=$(bash --norc --noprofile -c 'source "$1" && complete -p pmreconcile' _ "$completion" 2>&1)
[ "$loaded" = "complete -F _pmreconcile pmreconcile" ] || fail "completion: '$loaded'"
# A host of two instances for the names after -i: a primary main.cf in a scratch directory.
conf=$tmp/conf
mkdir -p "$conf/postfix" "$conf/postfix-a" "$conf/postfix-b"
printf 'multi_instance_enable = yes\nmulti_instance_directories = %s %s\n' \
    "$conf/postfix-a" "$conf/postfix-b" >"$conf/postfix/main.cf"
printf 'multi_instance_name = postfix-a\nmulti_instance_group = mta\nqueue_directory = %s\ndata_directory = %s\n' \
    "$conf/spool-a" "$conf/lib-a" >"$conf/postfix-a/main.cf"
printf 'multi_instance_name = postfix-b\nqueue_directory = %s\ndata_directory = %s\n' \
    "$conf/spool-b" "$conf/lib-b" >"$conf/postfix-b/main.cf"
"$PMRECONCILE" -c "$conf/postfix" list >/dev/null || fail "pmreconcile -c $conf/postfix list fails"
touch "$tmp/manifest-one.yaml" "$tmp/manifest-two.yaml"
# complete WORDS...: what the completion offers for the last word, sorted, one a line.
complete_words() {
    PATH=$root/usr/sbin:$PATH bash --norc --noprofile -c '
        source "$1"; shift
        COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
        COMP_LINE="$*"; COMP_POINT=${#COMP_LINE}
        _pmreconcile pmreconcile "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
        printf "%s\n" "${COMPREPLY[@]}"' _ "$completion" "$@" | sort
}
expect_offers() {  # expect_offers "WANTED..." WORDS...
    local wanted=$1 offered w
    shift
    offered=$(complete_words "$@")
    for w in $wanted; do
        printf '%s\n' "$offered" | grep -qxF -- "$w" ||
            fail "completing '$*' does not offer $w (offers: $(echo $offered))"
    done
}
expect_offers "$(help_subcommands)" pmreconcile ""
expect_offers "$(help_options)" pmreconcile -
for subcommand in $(help_subcommands); do
    [ "$subcommand" = postmulti ] && continue
    expect_offers "$(help_options "$subcommand")" pmreconcile "$subcommand" -
done
expect_offers "-a -e -g -G -i -I -l -p -R -v -x" pmreconcile postmulti -
expect_offers "plan" pmreconcile pl
expect_offers "$tmp/manifest-one.yaml $tmp/manifest-two.yaml" pmreconcile plan -f "$tmp/manifest-"
expect_offers "$tmp/manifest-one.yaml" pmreconcile check --file "$tmp/manifest-o"
expect_offers "postfix-a postfix-b -" pmreconcile -c "$conf/postfix" list -i ""
expect_offers "mta" pmreconcile -c "$conf/postfix" postfix -g ""
expect_offers "postfix-a postfix-b" pmreconcile -c "$conf/postfix" enable ""
expect_offers "start stop" pmreconcile postfix -- st
echo "completion: ok"

step "cmake --install puts the same files in place"
DESTDIR=$tmp/destdir cmake --install "$build" --prefix /usr >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log"; fail "cmake --install failed"; }
(cd "$tmp/destdir" && find . -type f -o -type l) | sed 's|^\.||' | sort >"$tmp/installed"
(cd "$root" && find . -type f -o -type l) | sed 's|^\.||' | sort >"$tmp/packaged"
diff -u "$tmp/packaged" "$tmp/installed" || fail "cmake --install and the package install different files"
for unit in pmreconcile-check.service pmreconcile-check.timer; do
    cmp "$tmp/destdir/lib/systemd/system/$unit" "$root/lib/systemd/system/$unit" ||
        fail "cmake --install's $unit differs from the package's"
done
DESTDIR=$tmp/opt cmake --install "$build" --prefix /opt/pmr >"$tmp/install.log" 2>&1 ||
    { cat "$tmp/install.log"; fail "cmake --install --prefix /opt/pmr failed"; }
grep -qx 'ExecStart=/opt/pmr/sbin/pmreconcile check -f /etc/pmreconcile/instances.yaml --prometheus /var/lib/prometheus/node-exporter/pmreconcile.prom' \
    "$tmp/opt/opt/pmr/lib/systemd/system/pmreconcile-check.service" ||
    fail "with --prefix /opt/pmr the service does not run /opt/pmr/sbin/pmreconcile"
[ -x "$tmp/opt/opt/pmr/sbin/pmreconcile" ] || fail "with --prefix /opt/pmr there is no /opt/pmr/sbin/pmreconcile"
grep -qxF '# yaml-language-server: $schema=/opt/pmr/share/pmreconcile/schema/pmreconcile.schema.json' \
    "$tmp/opt/opt/pmr/share/doc/pmreconcile/examples/${examples[0]##*/}" ||
    fail "with --prefix /opt/pmr the examples do not name /opt/pmr's schema"

echo
echo PASS
