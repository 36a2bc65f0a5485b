#!/usr/bin/env bash
# plan never writes: with every kind of step pending (init, create, configure, rename, reorder,
# enable, reload of a running instance, stop, disable and destroy of another running instance),
# plan in all its forms (text, --json, --detailed-exitcode, --out FILE), export and list change no
# byte, mtime or ctime under /etc, /var/spool or /var/lib, and the running masters keep running.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest base.yaml <<'YAML'
version: 1
instances:
  - name: postfix-a
    enable: true
  - name: postfix-b
  - name: postfix-d
    enable: true
YAML
manifest next.yaml <<'YAML'
version: 1
primary:
  parameters:
    relayhost: "[192.0.2.1]:587"
instances:
  - name: postfix-c
    enable: true
    parameters:
      myhostname: c.example.com
  - name: postfix-b2
    group: renamed
    config_directory: /etc/postfix-b
    enable: true
  - name: postfix-a
    enable: true
    parameters:
      myhostname: a.example.com
  - name: postfix-d
    state: absent
YAML

# plan_everything MANIFEST: every read-only command, each checked for its exit status.
plan_everything() {
    pmr plan -f "$1"
    expect_status 0
    cp "$OUT" "$E2E_TMP/plan.txt"
    pmr plan -f "$1" --json
    expect_status 0
    pmr plan -f "$1" --detailed-exitcode
    expect_status 2
    pmr -c /etc/postfix plan -f "$1" --out "$E2E_TMP/saved.json" --detailed-exitcode
    expect_status 2
    [ -s "$E2E_TMP/saved.json" ] || fail "plan --out wrote nothing"
    pmr plan -f "$1" --json --out "$E2E_TMP/saved2.json"
    expect_status 0
    pmr export -o "$E2E_TMP/exported.yaml"
    expect_status 0
    pmr export --with-parameters
    expect_status 0
    pmr list
    expect_status 0
    pmr list --json
    expect_status 0
}

step "fresh host"
snapshot fresh
plan_everything base.yaml
expect_unchanged fresh


step "set the scene: postfix-a and postfix-d running"
setup base.yaml
prepare_ports /etc/postfix-a /etc/postfix-d
start /etc/postfix-a
start /etc/postfix-d
pid_a=$(master_pid /etc/postfix-a) pid_d=$(master_pid /etc/postfix-d)

step "every kind of step pending"
snapshot scene
plan_everything next.yaml
cat "$E2E_TMP/plan.txt"
OUT=$E2E_TMP/plan.txt expect_steps "  ! 1. stop postfix-d (/etc/postfix-d)
  ~ 2. disable postfix-d (/etc/postfix-d)
  - 3. destroy postfix-d (/etc/postfix-d)
  ~ 4. assign postfix-b (/etc/postfix-b)
  + 5. create postfix-c (/etc/postfix-c)
  ~ 6. configure - (/etc/postfix)
  ~ 7. configure postfix-c (/etc/postfix-c)
  ~ 8. configure postfix-a (/etc/postfix-a)
  ~ 9. reorder - (/etc/postfix)
  ~ 10. enable postfix-c (/etc/postfix-c)
  ~ 11. enable postfix-b2 (/etc/postfix-b)
  ! 12. reload postfix-a (/etc/postfix-a)"
expect_unchanged scene
expect_running /etc/postfix-a
expect_running /etc/postfix-d
expect_eq "postfix-a's master" "$pid_a" "$(master_pid /etc/postfix-a)"
expect_eq "postfix-d's master" "$pid_d" "$(master_pid /etc/postfix-d)"
[ ! -e /etc/postfix-c ] || fail "/etc/postfix-c was created"

# plan parses the manifest on a second thread; where none can be had (here RLIMIT_NPROC, which
# binds users other than root) it does the same in turn. Run as nobody, with and without; apply
# has cached postconf -d's output, so neither forks.
step "plan without a second thread plans the same"
shared=$(mktemp -d /tmp/pmr-e2e-nobody.XXXXXX)
chmod 0755 "$shared" && install -m 0644 "$E2E_TMP/next.yaml" "$shared/next.yaml"
# LeakSanitizer (the CI build) needs a thread of its own at exit: not in these runs.
as_nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups
           env "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0")
run "${as_nobody[@]}" "$PMRECONCILE" plan -f "$shared/next.yaml"
expect_status 0
cp "$OUT" "$E2E_TMP/threaded.out" && cp "$ERR" "$E2E_TMP/threaded.err"
run "${as_nobody[@]}" prlimit --nproc=1 "$PMRECONCILE" plan -f "$shared/next.yaml"
expect_status 0
cmp -s "$OUT" "$E2E_TMP/threaded.out" || { _show_last; fail "stdout differs without a thread"; }
cmp -s "$ERR" "$E2E_TMP/threaded.err" || { _show_last; fail "stderr differs without a thread"; }
expect_out_has "create postfix-c (/etc/postfix-c)"
rm -r "$shared"
expect_unchanged scene

step "stop the masters"
must postfix -c /etc/postfix-a stop
must postfix -c /etc/postfix-d stop
expect_no_masters
