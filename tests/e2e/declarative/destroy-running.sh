#!/usr/bin/env bash
# Destroying a running instance (state: absent) stops it, disables it and destroys it, in that
# order; its config, queue and data directories are gone.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest present.yaml <<'YAML'
version: 1
instances:
  - name: postfix-keep
  - name: postfix-gone
    enable: true
YAML
manifest absent.yaml <<'YAML'
version: 1
instances:
  - name: postfix-keep
  - name: postfix-gone
    state: absent
YAML

step "set the scene: postfix-gone enabled and running"
setup present.yaml
prepare_ports /etc/postfix-gone
start /etc/postfix-gone
pid=$(master_pid /etc/postfix-gone)

step "plan: stop, disable, destroy"
pmr plan -f absent.yaml
expect_status 0
expect_steps "  ! 1. stop postfix-gone (/etc/postfix-gone)
  ~ 2. disable postfix-gone (/etc/postfix-gone)
  - 3. destroy postfix-gone (/etc/postfix-gone)"
expect_out_line "Plan: 0 to create, 1 to change, 1 to destroy, 1 to stop."
expect_running /etc/postfix-gone

step "apply: stop, disable, destroy in that order"
pmr apply -f absent.yaml --auto-approve
expect_status 0
expect_applied "[1/3] ! stop postfix-gone (/etc/postfix-gone)
[2/3] ~ disable postfix-gone (/etc/postfix-gone)
[3/3] - destroy postfix-gone (/etc/postfix-gone)
Apply complete: 0 created, 1 changed, 1 destroyed, 1 stopped."
expect_err_empty
expect_ended "$pid"
expect_no_masters
for d in /etc/postfix-gone /var/spool/postfix-gone /var/lib/postfix-gone; do
    [ ! -e "$d" ] || { ls -laR "$d"; fail "$d is still there"; }
done
run postmulti -l
expect_status 0
expect_out "-               -               y         /etc/postfix
postfix-keep    -               n         /etc/postfix-keep"
expect_cf /etc/postfix multi_instance_directories /etc/postfix-keep
[ -f /etc/postfix-keep/master.cf ] && [ -d /var/spool/postfix-keep/maildrop ] ||
    fail "postfix-keep was damaged"

step "plan again: nothing to do"
pmr plan -f absent.yaml --detailed-exitcode
expect_status 0
expect_out "No changes: the host matches the manifest."
