#!/usr/bin/env bash
# validate reports every problem of a manifest at once, one FILE:LINE:COL: message line each
# (schema and meaning alike), exits 1, and changes nothing on the host: of the host it reads only
# Postfix's parameter names (postconf -d, or its cache) and the master.cf service names, to warn
# about unknown parameter names; it gives the same answers with the host's Postfix gone, and
# (under strace, when installed) writes nothing of Postfix's and runs nothing but postconf.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest bad.yaml <<'YAML'
version: 1
unmanaged: sometimes
instances:
  - name: mta
  - name: postfix-out
    queue_directory: spool/out
YAML
manifest good.yaml <<'YAML'
version: 1
instances:
  - name: postfix-in
    enable: true
  - name: postfix-out
    queue_directory: /var/spool/postfix-out
YAML
expected_problems="bad.yaml:2:12: 'unmanaged' must be keep, deport or destroy, not 'sometimes'
bad.yaml:4:11: instance name 'mta' must start with 'postfix-'
bad.yaml:6:22: postfix-out: queue_directory 'spool/out' must be an absolute path"

check_answers() {
    pmr validate -f bad.yaml
    expect_status 1
    expect_out_empty
    expect_err "$expected_problems"
    pmr validate -f good.yaml
    expect_status 0
    expect_out "good.yaml: valid (2 instances)"
    expect_err_empty
}

step "every problem at once"
snapshot host
check_answers
expect_unchanged host

if command -v strace >/dev/null 2>&1; then
    step "nothing of Postfix's is written, nothing but postconf is run (strace)"
    for m in bad.yaml good.yaml; do
        run strace -f -qq -e trace=%file,%process -o "$E2E_TMP/trace.txt" "$PMRECONCILE" validate -f "$m"
        if grep -E '"(/etc/postfix|/var/spool|/var/lib|/usr/sbin|/usr/lib/postfix)[^"]*", .*(O_WRONLY|O_RDWR|O_CREAT)' "$E2E_TMP/trace.txt" ||
            grep -E '(unlink|rename|mkdir|rmdir|chmod|chown)[a-z]*\(.*"(/etc/postfix|/var/spool|/var/lib)' "$E2E_TMP/trace.txt"; then
            fail "validate -f $m changed the host's Postfix (strace above)"
        fi
        if grep 'execve(' "$E2E_TMP/trace.txt" | grep -v -e "$PMRECONCILE" -e '"/usr/sbin/postconf"'; then
            fail "validate -f $m ran another program than postconf (strace above)"
        fi
    done
fi

step "a long manifest, whose YAML is read in parts at once, reads as the same text whole"
# 600 instances with services: over the size from which the instance list is parsed in parts
# (on a machine with more than one processor). Every answer must be the one of a whole read.
long_manifest() {  # long_manifest BROKEN_ENTRY BAD_NAME_ENTRY
    echo "version: 1"
    echo "instances:"
    for i in $(seq 1 600); do
        if [ "$i" = "$2" ]; then echo "  - name: mta-$i"; else echo "  - name: \"postfix-l$i\""; fi
        echo "    enable: true"
        echo "    parameters:"
        echo "      myhostname: \"l$i.example.com\""
        [ "$i" = "$1" ] && echo "     broken: indentation"
        echo "    services:"
        echo "      \"127.0.0.1:$((20000 + i))/inet\": {private: n, command: smtpd, options: {content_filter: \"\"}}"
        echo "      \"pickup/unix\": {wakeup: 30}"
    done
    echo "primary:"
    echo "  running: true"
}
long_manifest 0 0 | manifest long.yaml
long_manifest 0 450 | manifest long-bad-name.yaml
long_manifest 300 0 | manifest long-broken.yaml
[ "$(stat -c %s "$E2E_TMP/long.yaml")" -gt 65536 ] || fail "long.yaml is too short to be read in parts"
line_of() { grep -n -m1 -e "$2" "$E2E_TMP/$1" | cut -d: -f1; }
# validate_long FILE STATUS: validates FILE, then again on one processor (read whole, in one
# part), and expects the same answer both times.
validate_long() {
    pmr validate -f "$1"
    expect_status "$2"
    cp "$OUT" "$E2E_TMP/parts.out"
    cp "$ERR" "$E2E_TMP/parts.err"
    run taskset -c 0 "$PMRECONCILE" validate -f "$1"
    expect_status "$2"
    if [ -s "$E2E_TMP/parts.out" ]; then expect_out "$(cat "$E2E_TMP/parts.out")"; else expect_out_empty; fi
    if [ -s "$E2E_TMP/parts.err" ]; then expect_err "$(cat "$E2E_TMP/parts.err")"; else expect_err_empty; fi
}
validate_long long.yaml 0
expect_out "long.yaml: valid (600 instances)"
expect_err_empty
validate_long long-bad-name.yaml 1
expect_err "long-bad-name.yaml:$(line_of long-bad-name.yaml mta-450):11: instance name 'mta-450' must start with 'postfix-'"
validate_long long-broken.yaml 1
expect_err "long-broken.yaml:$(line_of long-broken.yaml 'broken: indentation'):6: invalid YAML: end of map not found"

step "the same answers with the host's Postfix gone"
must rm -rf /etc/postfix /var/spool/postfix /var/lib/postfix
check_answers
pmr -c /srv/nowhere/postfix validate -f good.yaml
expect_status 0
expect_out "good.yaml: valid (2 instances)"
