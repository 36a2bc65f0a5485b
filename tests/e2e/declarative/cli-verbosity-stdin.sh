#!/usr/bin/env bash
# Under cron and CI (stderr not a terminal): -v shows each change as apply makes it, -vv also
# what was read and how long each step took; without -v stderr stays quiet. The manifest may
# come from standard input (`-f -`, messages at <stdin>:LINE:COL) or a pipe (`-f <(...)`), under
# the same size limit. validate warns about a parameter name Postfix does not know, with the
# nearest one; --strict makes it an error. Errors also go to syslog.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest m.yaml <<'YAML'
version: 1
instances:
  - name: postfix-in
    parameters:
      myhostname: in.example.com
YAML
manifest m2.yaml <<'YAML'
version: 1
instances:
  - name: postfix-in
    parameters:
      myhostname: in2.example.com
  - name: postfix-out
YAML
manifest bad.yaml <<'YAML'
version: 1
instances:
  - name: postfix-in
    enable: "yes"
YAML

# from_stdin FILE ARGS...: pmreconcile ARGS with FILE on standard input.
from_stdin() {
    local file=$1
    shift
    printf '$ %s < %s\n' "$*" "$file"
    "$PMRECONCILE" "$@" <"$file" >"$OUT" 2>"$ERR"
    STATUS=$?
}

step "apply without -v: no change lines on a stderr that is no terminal"
pmr apply -f m.yaml --auto-approve
expect_status 0
expect_err_empty

step "apply -v: each change on stderr"
pmr apply -f m2.yaml --auto-approve -v
expect_status 0
expect_err_has "pmreconcile: edit /etc/postfix-in/main.cf: myhostname = in2.example.com"
expect_err_has "pmreconcile: create directory /etc/postfix-out"
if grep -q 'ms$' "$ERR"; then _show_last; fail "-v shows timings (that is -vv)"; fi

step "apply -vv: also what was read and how long each step took"
manifest m3.yaml <<'YAML'
version: 1
instances:
  - name: postfix-in
    parameters:
      myhostname: in3.example.com
  - name: postfix-out
YAML
pmr -vv apply -f m3.yaml --auto-approve
expect_status 0
expect_err_has "pmreconcile: edit /etc/postfix-in/main.cf: myhostname = in3.example.com"
expect_err_has "pmreconcile: debug: read m3.yaml: "
expect_err_has "pmreconcile: debug: step 1 ("
grep -qE '^pmreconcile: debug: step 1 \(.*\): [0-9]+ operations in [0-9]+ ms$' "$ERR" ||
    { _show_last; fail "no step timing"; }

step "-f -: the manifest from standard input"
from_stdin m3.yaml plan -f -
expect_status 0
expect_out_has "No changes"
from_stdin m3.yaml validate -f -
expect_status 0
expect_out "<stdin>: valid (2 instances)"
from_stdin bad.yaml validate -f -
expect_status 1
expect_err "<stdin>:4:13: 'enable' must be true or false, not the string \"yes\" (remove the quotes)"
from_stdin m3.yaml apply -f - --auto-approve
expect_status 0
expect_out_has "No changes"

step "-f <(...): a pipe"
run bash -c '"$0" validate -f <(cat m3.yaml)' "$PMRECONCILE"
expect_status 0
expect_out_has ": valid (2 instances)"
run bash -c '"$0" plan -f <(cat m3.yaml)' "$PMRECONCILE"
expect_status 0
expect_out_has "No changes"
must mkfifo fifo.yaml
(cat m3.yaml >fifo.yaml &)
pmr validate -f fifo.yaml
expect_status 0
expect_out "fifo.yaml: valid (2 instances)"

step "the size limit holds for a pipe"
run bash -c '"$0" validate -f <(printf "version: 1\n"; head -c 5000000 /dev/zero | tr "\\0" "#")' "$PMRECONCILE"
expect_status 1
expect_err_has "more than 4194304 bytes"

step "a typo in a parameter name: a warning with the nearest name; --strict: an error"
manifest typo.yaml <<'YAML'
version: 1
primary:
  parameters:
    inet_interfaces: loopback-only
instances:
  - name: postfix-in
    parameters:
      myhostnmae: in.example.com
      relay_destination_concurrency_limit: 5
      my_own_list: a, b
      smtpd_client_restrictions: $my_own_list
YAML
pmr validate -f typo.yaml
expect_status 0
expect_err "typo.yaml:8:7: warning: unknown parameter 'myhostnmae': Postfix would log 'unused parameter' and ignore it; did you mean myhostname?"
expect_out "typo.yaml: valid (1 instance)"
pmr validate --strict -f typo.yaml
expect_status 1
expect_err "typo.yaml:8:7: unknown parameter 'myhostnmae': Postfix would log 'unused parameter' and ignore it; did you mean myhostname?"
expect_out_empty

step "export --with-parameters keeps the primary's settings"
must postconf -c /etc/postfix -e inet_interfaces=loopback-only
pmr export --with-parameters
expect_status 0
expect_out_has "primary:"
expect_out_has "    inet_interfaces: \"loopback-only\""
cp "$OUT" exported.yaml
pmr plan -f exported.yaml
expect_status 0
expect_out_has "No changes"
