#!/usr/bin/env bash
# Disabling a running instance (enable: false) stops it first, then disables it: `postfix stop`
# skips disabled instances, so the other order would leave it running.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest on.yaml <<'YAML'
version: 1
# The primary's smtp would share *:25 with postfix-run's (a listener conflict plan refuses).
primary:
  parameters:
    master_service_disable: inet
instances:
  - name: postfix-run
    group: mta
    enable: true
    parameters:
      master_service_disable: ""
YAML
manifest off.yaml <<'YAML'
version: 1
# The primary's smtp would share *:25 with postfix-run's (a listener conflict plan refuses).
primary:
  parameters:
    master_service_disable: inet
instances:
  - name: postfix-run
    group: mta
    enable: false
    parameters:
      master_service_disable: ""
YAML

step "set the scene: postfix-run enabled and running (smtpd on a loopback port)"
setup on.yaml
prepare_ports /etc/postfix-run
start /etc/postfix-run
pid=$(master_pid /etc/postfix-run)
[ -d "/proc/$pid" ] || fail "no master with pid $pid"

step "plan: stop, then disable"
pmr plan -f off.yaml
expect_status 0
expect_steps "  ! 1. stop postfix-run (/etc/postfix-run)
  ~ 2. disable postfix-run (/etc/postfix-run)"
expect_out_line '        multi_instance_enable: "yes" -> "no"'
expect_out_line "Plan: 0 to create, 1 to change, 0 to destroy, 1 to stop."
expect_running /etc/postfix-run

step "apply: stopped first, then disabled"
pmr apply -f off.yaml --auto-approve
expect_status 0
expect_applied "[1/2] ! stop postfix-run (/etc/postfix-run)
[2/2] ~ disable postfix-run (/etc/postfix-run)
Apply complete: 0 created, 1 changed, 0 destroyed, 1 stopped."
expect_stopped /etc/postfix-run
expect_ended "$pid"
expect_no_masters
expect_cf /etc/postfix-run multi_instance_enable no
run postmulti -l -i postfix-run
expect_out "postfix-run     mta             n         /etc/postfix-run"

step "plan again: nothing to do"
pmr plan -f off.yaml --detailed-exitcode
expect_status 0
expect_out "No changes: the host matches the manifest."
