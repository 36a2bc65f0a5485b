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

step "the same answers with the host's Postfix gone"
must rm -rf /etc/postfix /var/spool/postfix /var/lib/postfix
check_answers
pmr -c /srv/nowhere/postfix validate -f good.yaml
expect_status 0
expect_out "good.yaml: valid (2 instances)"
