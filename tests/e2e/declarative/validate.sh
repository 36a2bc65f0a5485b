#!/usr/bin/env bash
# validate reports every problem of a manifest at once, one FILE:LINE:COL: message line each
# (schema and meaning alike), exits 1, and reads nothing from the host: it gives the same answers
# with the host's Postfix gone, and (under strace, when installed) opens nothing of Postfix's.
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
bad.yaml:5:5: postfix-out: queue_directory 'spool/out' must be an absolute path"

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
    step "nothing of Postfix's is opened, nothing is run (strace)"
    for m in bad.yaml good.yaml; do
        run strace -f -qq -e trace=%file,%process -o "$E2E_TMP/trace.txt" "$PMRECONCILE" validate -f "$m"
        if grep -E '"(/etc/postfix|/var/spool|/var/lib|/usr/sbin|/usr/lib/postfix)' "$E2E_TMP/trace.txt"; then
            fail "validate -f $m touched the host's Postfix (strace above)"
        fi
        expect_eq "programs run by validate" 1 "$(grep -c 'execve(' "$E2E_TMP/trace.txt")"
    done
fi

step "the same answers with the host's Postfix gone"
must rm -rf /etc/postfix /var/spool/postfix /var/lib/postfix
check_answers
pmr -c /srv/nowhere/postfix validate -f good.yaml
expect_status 0
expect_out "good.yaml: valid (2 instances)"
