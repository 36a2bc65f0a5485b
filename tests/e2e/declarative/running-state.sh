#!/usr/bin/env bash
# running: true|false (#16): one apply starts two instances in multi_instance_directories order,
# a second changes nothing; a change of inet_interfaces restarts a running instance, another
# change reloads it; check reports a master stopped by hand as drift (exit 2, and in the
# Prometheus textfile); running: false stops them in the reverse order; a start that fails
# stops the apply with Postfix's own error text. Starts and stops go through postfix -c here
# (PMRECONCILE_SERVICE_MANAGER=postfix: no systemd in the sandbox, and none may be asked).
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"
export PMRECONCILE_SERVICE_MANAGER=postfix

# instances RUNNING A_INTERFACES [A_PARAMETER]: the manifest, both instances `running: RUNNING`.
instances() {
    cat <<YAML
version: 1
instances:
  - name: postfix-a
    enable: true
    running: $1
    parameters:
      inet_protocols: ipv4
      inet_interfaces: "$2"${3:+
      $3}
  - name: postfix-b
    enable: true
    running: $1
    parameters:
      inet_protocols: ipv4
      inet_interfaces: 127.0.0.1
YAML
}
instances false 127.0.0.1 | manifest stopped.yaml
instances true 127.0.0.1 | manifest running.yaml
instances true loopback-only | manifest restart.yaml
instances true loopback-only "myhostname: a.example" | manifest reload.yaml

step "set the scene: postfix-a and postfix-b, stopped, on loopback"
setup stopped.yaml
prepare_ports /etc/postfix-a /etc/postfix-b
expect_stopped /etc/postfix-a
expect_stopped /etc/postfix-b

step "plan: start both, in multi_instance_directories order"
pmr plan -f running.yaml
expect_status 0
expect_steps "  ! 1. start postfix-a (/etc/postfix-a)
  ! 2. start postfix-b (/etc/postfix-b)"
expect_out_line "Plan: 0 to create, 0 to change, 0 to destroy, 2 to start."
pmr plan -f running.yaml --json
expect_status 0
expect_out_has '"format_version":"1.4"'
expect_out_has '"start":2,"stop":0,"restart":0'

step "apply: one apply starts both"
pmr apply -f running.yaml --auto-approve
expect_status 0
expect_applied "[1/2] ! start postfix-a (/etc/postfix-a)
[2/2] ! start postfix-b (/etc/postfix-b)
Apply complete: 0 created, 0 changed, 0 destroyed, 2 started."
expect_err_empty
expect_running /etc/postfix-a
expect_running /etc/postfix-b

step "apply again: nothing to do"
pmr apply -f running.yaml --auto-approve
expect_status 0
expect_out "No changes: the host matches the manifest."
pmr check -f running.yaml
expect_status 0

step "a change of inet_interfaces restarts postfix-a"
pid_a=$(master_pid /etc/postfix-a)
pid_b=$(master_pid /etc/postfix-b)
pmr plan -f restart.yaml
expect_status 0
expect_steps "  ~ 1. configure postfix-a (/etc/postfix-a)
  ! 2. restart postfix-a (/etc/postfix-a)"
expect_out_line "Plan: 0 to create, 1 to change, 0 to destroy, 1 to restart."
pmr apply -f restart.yaml --auto-approve
expect_status 0
expect_out_line "Apply complete: 0 created, 1 changed, 0 destroyed, 1 restarted."
expect_ended "$pid_a"
expect_running /etc/postfix-a
[ "$(master_pid /etc/postfix-a)" != "$pid_a" ] || fail "postfix-a kept its master: not restarted"
expect_eq "postfix-b's master" "$pid_b" "$(master_pid /etc/postfix-b)"
expect_cf /etc/postfix-a inet_interfaces loopback-only

step "another change reloads postfix-a: the same master"
pid_a=$(master_pid /etc/postfix-a)
pmr plan -f reload.yaml
expect_status 0
expect_steps "  ~ 1. configure postfix-a (/etc/postfix-a)
  ! 2. reload postfix-a (/etc/postfix-a)"
pmr apply -f reload.yaml --auto-approve
expect_status 0
expect_running /etc/postfix-a
expect_eq "postfix-a's master" "$pid_a" "$(master_pid /etc/postfix-a)"

step "check: postfix-b stopped by hand is drift"
must postfix -c /etc/postfix-b stop
expect_ended "$pid_b"
pmr check -f reload.yaml --prometheus "$E2E_TMP/metrics.prom"
expect_status 2
expect_out_has "! 1. start postfix-b (/etc/postfix-b)"
grep -qxF 'pmreconcile_running_drift{postfix_instance="postfix-b",config_directory="/etc/postfix-b"} 1' \
    "$E2E_TMP/metrics.prom" || { cat "$E2E_TMP/metrics.prom"; fail "no running drift of postfix-b"; }
grep -qxF 'pmreconcile_instance_running{postfix_instance="postfix-b",config_directory="/etc/postfix-b"} 0' \
    "$E2E_TMP/metrics.prom" || { cat "$E2E_TMP/metrics.prom"; fail "postfix-b is not shown stopped"; }
grep -qxF 'pmreconcile_instance_running{postfix_instance="postfix-a",config_directory="/etc/postfix-a"} 1' \
    "$E2E_TMP/metrics.prom" || { cat "$E2E_TMP/metrics.prom"; fail "postfix-a is not shown running"; }
if command -v promtool >/dev/null 2>&1; then
    must promtool check metrics <"$E2E_TMP/metrics.prom"
fi
pmr apply -f reload.yaml --auto-approve
expect_status 0
expect_applied "[1/1] ! start postfix-b (/etc/postfix-b)
Apply complete: 0 created, 0 changed, 0 destroyed, 1 started."
expect_running /etc/postfix-b

step "running: false stops both, in the reverse order"
pid_a=$(master_pid /etc/postfix-a)
pid_b=$(master_pid /etc/postfix-b)
instances false loopback-only "myhostname: a.example" | manifest stop.yaml
pmr apply -f stop.yaml --auto-approve
expect_status 0
expect_applied "[1/2] ! stop postfix-b (/etc/postfix-b)
[2/2] ! stop postfix-a (/etc/postfix-a)
Apply complete: 0 created, 0 changed, 0 destroyed, 2 stopped."
expect_ended "$pid_a"
expect_ended "$pid_b"
expect_stopped /etc/postfix-a
expect_stopped /etc/postfix-b

step "a start that fails stops the apply with Postfix's own error text"
cp /etc/postfix-a/master.cf "$E2E_TMP/master.cf.good"
echo "smtp" >>/etc/postfix-a/master.cf
pmr apply -f reload.yaml --auto-approve
expect_status 1
expect_err_has "pmreconcile: error: step 1 (! start postfix-a (/etc/postfix-a)) failed:"
expect_err_has "postfix -c /etc/postfix-a start failed with exit status 1: "
expect_err_has "master.cf: line"
expect_err_has "bad field count"
expect_out_has "Apply stopped after 0 of 2 steps: step 1 (! start postfix-a (/etc/postfix-a)) failed:"
expect_stopped /etc/postfix-a
expect_stopped /etc/postfix-b

step "fixed by hand, the next apply starts both"
cp "$E2E_TMP/master.cf.good" /etc/postfix-a/master.cf
pmr apply -f reload.yaml --auto-approve
expect_status 0
expect_running /etc/postfix-a
expect_running /etc/postfix-b

step "stop everything the test started"
pmr apply -f stop.yaml --auto-approve
expect_status 0
expect_stopped /etc/postfix-a
expect_stopped /etc/postfix-b
for _ in $(seq 1 600); do [ -z "$(masters_here)" ] && break; sleep 0.1; done
expect_no_masters
