#!/usr/bin/env bash
# Concurrent writers. pmreconcile takes its run lock for apply and the life-cycle commands, and
# writes main.cf with Postfix's edit_file protocol (lock main.cf.tmp, write, fsync, rename), so:
#   1. two `apply --lock-timeout 60` of different but compatible manifests (both manage the
#      primary and the same two instances, each its own parameters), started at once beside a
#      loop of 200 real `postconf -e pmr_test_N=N` on the primary, all succeed: every pmr_test_N
#      is in main.cf (no lost update), a plan of either manifest is empty afterwards, and every
#      main.cf parses (postconf -n; real postmulti -l lists the instances);
#   2. with an apply held in the middle of a step (the test holds the flock on one main.cf.tmp,
#      as a concurrent postconf would): another apply and `pmreconcile postmulti -e`, without
#      --lock-timeout, fail at once with the lock message naming the holder, and change nothing;
#      with --lock-timeout they wait, and run once the holder is done.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

P=$PMRECONCILE
manifest base.yaml <<'YAML'
version: 1
instances:
  - name: postfix-c1
    group: mta
  - name: postfix-c2
    group: mta
YAML
manifest a.yaml <<'YAML'
version: 1
primary:
  parameters: {delay_warning_time: 4h, smtp_helo_name: helo-a.example.com}
instances:
  - name: postfix-c1
    group: mta
    enable: true
    parameters: {myhostname: c1.example.com, delay_warning_time: 1h}
  - name: postfix-c2
    group: mta
    enable: false
    parameters: {myhostname: c2.example.com, delay_warning_time: 2h}
YAML
manifest b.yaml <<'YAML'
version: 1
primary:
  parameters: {bounce_queue_lifetime: 2d, maximal_queue_lifetime: 4d}
instances:
  - name: postfix-c1
    group: mta
    parameters: {myorigin: c1.example.org, bounce_queue_lifetime: 1d}
  - name: postfix-c2
    group: mta
    parameters: {myorigin: c2.example.org, bounce_queue_lifetime: 3d}
YAML
setup base.yaml

# all_parse: postconf -n succeeds on every instance, and real postmulti -l lists them all.
all_parse() {
    local d
    for d in /etc/postfix /etc/postfix-c1 /etc/postfix-c2; do
        postconf -c "$d" -n >/dev/null || fail "postconf -c $d -n failed: a torn or broken main.cf"
    done
    run postmulti -l
    expect_status 0
    [ "$(grep -c '^postfix-c[12] ' "$OUT")" = 2 ] || { _show_last; fail "postmulti -l lacks an instance"; }
}

# A deadlock must fail the test at a finish below, not at CTest's timeout, and no command started
# in the background may outlive the test (a pmreconcile still holding its locks).
trap 'rc=$?; kill -KILL $(jobs -p) 2>/dev/null; _e2e_exit "$rc"' EXIT

# finish PID WHAT: waits for the background command PID, at most 180 s, and sets FINISHED to its
# exit status; after 180 s it shows what PID waits for and fails the test.
finish() {
    local pid=$1 what=$2 state
    for _ in $(seq 1 1800); do
        state=$(sed -n 's/^State:[[:space:]]*\([A-Z]\).*/\1/p' "/proc/$pid/status" 2>/dev/null)
        [ -z "$state" ] || [ "$state" = Z ] && break
        sleep 0.1
    done
    if [ -n "$state" ] && [ "$state" != Z ]; then
        printf -- '--- %s (pid %s) still runs after 180 s, in %s; its open files:\n' \
            "$what" "$pid" "$(cat "/proc/$pid/wchan" 2>/dev/null)"
        ls -l "/proc/$pid/fd"
        printf -- '--- /proc/locks:\n'
        cat /proc/locks
        fail "$what did not finish within 180 s (a deadlock?)"
    fi
    wait "$pid"
    FINISHED=$?
}

step "two applies and 200 postconf -e at once"
(
    for n in $(seq 1 200); do
        postconf -c /etc/postfix -e "pmr_test_$n=$n" || echo "postconf -e pmr_test_$n failed"
    done
) >"$E2E_TMP/loop.log" 2>&1 &
loop=$!
"$P" --lock-timeout 60 apply -f a.yaml --auto-approve >"$E2E_TMP/a.out" 2>"$E2E_TMP/a.err" &
apply_a=$!
"$P" --lock-timeout 60 apply -f b.yaml --auto-approve >"$E2E_TMP/b.out" 2>"$E2E_TMP/b.err" &
apply_b=$!
finish "$apply_a" "apply -f a.yaml"; status_a=$FINISHED
finish "$apply_b" "apply -f b.yaml"; status_b=$FINISHED
finish "$loop" "the postconf -e loop"
for x in a b; do
    printf -- '--- apply -f %s.yaml: stdout, stderr\n' "$x"
    cat "$E2E_TMP/$x.out" "$E2E_TMP/$x.err"
done
expect_eq "apply -f a.yaml exit status" 0 "$status_a"
expect_eq "apply -f b.yaml exit status" 0 "$status_b"
[ ! -s "$E2E_TMP/loop.log" ] || { cat "$E2E_TMP/loop.log"; fail "a postconf -e failed"; }
for x in a b; do
    grep -q '^Apply complete: ' "$E2E_TMP/$x.out" || fail "apply -f $x.yaml did not complete"
done

missing=
for n in $(seq 1 200); do
    [ "$(cf /etc/postfix "pmr_test_$n")" = "$n" ] || missing="$missing pmr_test_$n"
done
[ -z "$missing" ] || fail "lost updates: main.cf lacks$missing"
echo "all 200 pmr_test_N present"
expect_cf /etc/postfix delay_warning_time 4h
expect_cf /etc/postfix bounce_queue_lifetime 2d
expect_cf /etc/postfix-c1 myhostname c1.example.com
expect_cf /etc/postfix-c1 myorigin c1.example.org
expect_cf /etc/postfix-c2 bounce_queue_lifetime 3d
expect_cf /etc/postfix-c1 multi_instance_enable yes
for x in a b; do
    pmr plan -f "$x.yaml" --detailed-exitcode
    expect_status 0 "plan --detailed-exitcode of $x.yaml after both applies"
done
[ -z "$(ls /etc/postfix*/main.cf.tmp 2>/dev/null)" ] || fail "a main.cf.tmp was left: $(ls /etc/postfix*/main.cf.tmp)"
all_parse

step "an apply held in the middle of a step"
manifest c.yaml <<'YAML'
version: 1
primary:
  parameters: {delay_warning_time: 5h}
instances:
  - name: postfix-c1
    parameters: {myhostname: held.example.com}
YAML
manifest d.yaml <<'YAML'
version: 1
primary:
  parameters: {maximal_queue_lifetime: 5d}
YAML
# Hold the lock on postfix-c1's main.cf.tmp as a concurrent postconf -e would (a 0600 file, as
# the protocol makes it): apply -f c.yaml then waits there, holding its run lock, for as long as
# its --lock-timeout (which bounds the edit lock's wait too) allows.
install -m 0600 /dev/null /etc/postfix-c1/main.cf.tmp
exec {held}>>/etc/postfix-c1/main.cf.tmp
flock -x "$held"
# The children must not inherit $held: a flock belongs to the open file description, so a copy
# of it in apply -f c.yaml (or in a waiter) would keep the lock after the test lets go, and
# apply -f c.yaml would wait on main.cf.tmp for ever (holding its run lock, so the waiters too).
"$P" --lock-timeout 600 apply -f c.yaml --auto-approve >"$E2E_TMP/c.out" 2>"$E2E_TMP/c.err" {held}>&- &
apply_c=$!
# Up to 120 s: under load (sanitizer builds next to other builds) getting there takes a while.
for _ in $(seq 1 1200); do
    [ "$(head -n 1 /var/lib/pmreconcile/etc-postfix/lock 2>/dev/null)" = "$apply_c" ] &&
        grep -q '^\[2/2\] ' "$E2E_TMP/c.out" && break
    sleep 0.1
done
grep -q '^\[2/2\] ~ configure postfix-c1' "$E2E_TMP/c.out" || { cat "$E2E_TMP/c.out" "$E2E_TMP/c.err"; fail "apply -f c.yaml did not reach its second step"; }
expect_cf /etc/postfix delay_warning_time 5h
expect_cf /etc/postfix-c1 myhostname c1.example.com
holder="pid $apply_c: $P --lock-timeout 600 apply -f c.yaml --auto-approve, since $(sed -n 3p /var/lib/pmreconcile/etc-postfix/lock)"
snapshot held

pmr apply -f d.yaml --auto-approve
expect_status 1
expect_err "pmreconcile: error: another pmreconcile is running ($holder); waited 0 s for its lock /var/lib/pmreconcile/etc-postfix/lock (see --lock-timeout)"
pmr postmulti -i postfix-c2 -e enable
expect_status 1
expect_err "postmulti: fatal: another pmreconcile is running ($holder); waited 0 s for its lock /var/lib/pmreconcile/etc-postfix/lock (see --lock-timeout)"
pmr --lock-timeout 1 postmulti -i postfix-c2 -e enable
expect_status 1
expect_err "postmulti: fatal: another pmreconcile is running ($holder); waited 1 s for its lock /var/lib/pmreconcile/etc-postfix/lock (see --lock-timeout)"
pmr enable postfix-c2
expect_status 1
expect_err_has "another pmreconcile is running ($holder)"
expect_unchanged held

# Waiters: they run once the holder is done, in turn.
"$P" --lock-timeout 60 postmulti -i postfix-c2 -e enable >"$E2E_TMP/w1.out" 2>"$E2E_TMP/w1.err" {held}>&- &
waiter1=$!
"$P" --lock-timeout 60 apply -f d.yaml --auto-approve >"$E2E_TMP/w2.out" 2>"$E2E_TMP/w2.err" {held}>&- &
waiter2=$!
sleep 2
kill -0 "$waiter1" 2>/dev/null || fail "postmulti -e with --lock-timeout 60 did not wait"
kill -0 "$waiter2" 2>/dev/null || fail "apply with --lock-timeout 60 did not wait"
expect_unchanged held
exec {held}>&-   # release: apply -f c.yaml goes on
finish "$apply_c" "apply -f c.yaml"; status_c=$FINISHED
finish "$waiter1" "the waiting postmulti -e enable"; status_w1=$FINISHED
finish "$waiter2" "the waiting apply -f d.yaml"; status_w2=$FINISHED
cat "$E2E_TMP/c.out" "$E2E_TMP/c.err" "$E2E_TMP/w1.out" "$E2E_TMP/w1.err" "$E2E_TMP/w2.out" "$E2E_TMP/w2.err"
expect_eq "apply -f c.yaml exit status" 0 "$status_c"
expect_eq "waiting postmulti -e enable exit status" 0 "$status_w1"
expect_eq "waiting apply -f d.yaml exit status" 0 "$status_w2"
expect_cf /etc/postfix-c1 myhostname held.example.com
expect_cf /etc/postfix-c2 multi_instance_enable yes
pmr plan -f c.yaml --detailed-exitcode
expect_status 0
pmr plan -f d.yaml --detailed-exitcode
expect_status 0
expect_cf /etc/postfix maximal_queue_lifetime 5d
[ -z "$(ls /etc/postfix*/main.cf.tmp 2>/dev/null)" ] || fail "a main.cf.tmp was left: $(ls /etc/postfix*/main.cf.tmp)"
all_parse
expect_no_masters
