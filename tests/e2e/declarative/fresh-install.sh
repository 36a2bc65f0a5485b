#!/usr/bin/env bash
# A fresh Debian install (multi-instance support off, no secondaries) to three instances: the plan
# is init, three creates, parameter changes and enables; apply makes Postfix's own postmulti -l
# list them in manifest order with their groups and enable flags, postconf -n shows the managed
# parameters, and planning again finds nothing to do.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest three.yaml <<'YAML'
version: 1
instances:
  - name: postfix-in
    group: mta
    enable: true
    parameters:
      myhostname: in.example.com
      smtpd_banner: $myhostname ESMTP inbound
  - name: postfix-out
    group: mta
    enable: true
    parameters:
      myhostname: out.example.com
      smtp_bind_address: 127.0.0.1
  - name: postfix-null
    enable: false
    parameters:
      relayhost: "[127.0.0.1]:2525"
      master_service_disable: null
YAML

step "the host starts without multi-instance support"
run postmulti -l
expect_status 0
expect_out "-               -               y         /etc/postfix"
expect_eq "multi_instance_directories" "" "$(postconf -h multi_instance_directories)"

step "plan: init, 3 creates, configure, enables"
pmr plan -f three.yaml
expect_status 0
expect_steps "  ~ 1. init - (/etc/postfix)
  + 2. create postfix-in (/etc/postfix-in)
  + 3. create postfix-out (/etc/postfix-out)
  + 4. create postfix-null (/etc/postfix-null)
  ~ 5. configure postfix-in (/etc/postfix-in)
  ~ 6. configure postfix-out (/etc/postfix-out)
  ~ 7. configure postfix-null (/etc/postfix-null)
  ~ 8. enable postfix-in (/etc/postfix-in)
  ~ 9. enable postfix-out (/etc/postfix-out)"
expect_out_line "Plan: 3 to create, 6 to change, 0 to destroy."
expect_out_line '        multi_instance_wrapper: (unset) -> "${command_directory}/postmulti -p --"'
expect_out_line '        multi_instance_enable: (unset) -> "yes"'
expect_out_line '        myhostname: (unset) -> "in.example.com"'
expect_out_line '        relayhost: (unset) -> "[127.0.0.1]:2525"'
expect_out_line '        master_service_disable: "inet" -> (unset)'
expect_out_line '        multi_instance_enable: "no" -> "yes"'
expect_err_empty

step "plan --detailed-exitcode before apply: 2"
pmr plan -f three.yaml --detailed-exitcode
expect_status 2

step "apply"
pmr apply -f three.yaml --auto-approve
expect_status 0
expect_out_line "[1/9] ~ init - (/etc/postfix)"
expect_out_line "[9/9] ~ enable postfix-out (/etc/postfix-out)"
expect_out_line "Apply complete: 3 created, 6 changed, 0 destroyed."

step "Postfix's own postmulti -l: manifest order, groups, enable flags"
run postmulti -l
expect_status 0
expect_out "-               -               y         /etc/postfix
postfix-in      mta             y         /etc/postfix-in
postfix-out     mta             y         /etc/postfix-out
postfix-null    -               n         /etc/postfix-null"
expect_err_empty
run postconf -h multi_instance_directories multi_instance_wrapper multi_instance_enable
expect_out '/etc/postfix-in /etc/postfix-out /etc/postfix-null
${command_directory}/postmulti -p --
yes'

step "postconf -n shows the managed parameters"
for d in /etc/postfix-in /etc/postfix-out /etc/postfix-null; do
    [ -f "$d/master.cf" ] || fail "$d/master.cf missing"
done
[ -d /var/spool/postfix-in/maildrop ] && [ -d /var/lib/postfix-out ] ||
    fail "queue or data directories missing"
run postconf -c /etc/postfix-in -n myhostname smtpd_banner multi_instance_name multi_instance_group multi_instance_enable queue_directory data_directory
expect_status 0
expect_out 'myhostname = in.example.com
smtpd_banner = $myhostname ESMTP inbound
multi_instance_name = postfix-in
multi_instance_group = mta
multi_instance_enable = yes
queue_directory = /var/spool/postfix-in
data_directory = /var/lib/postfix-in'
run postconf -c /etc/postfix-out -n myhostname smtp_bind_address multi_instance_group
expect_out 'myhostname = out.example.com
smtp_bind_address = 127.0.0.1
multi_instance_group = mta'
run postconf -c /etc/postfix-null -n
expect_status 0
expect_out_line "relayhost = [127.0.0.1]:2525"
expect_out_line "multi_instance_name = postfix-null"
expect_out_lacks "master_service_disable"
expect_out_lacks "multi_instance_group"
expect_out_lacks "multi_instance_enable = yes"
run postconf -c /etc/postfix-in -x smtpd_banner
expect_out "smtpd_banner = in.example.com ESMTP inbound"

step "plan again: nothing to do"
pmr plan -f three.yaml
expect_status 0
expect_out "No changes: the host matches the manifest."
pmr plan -f three.yaml --detailed-exitcode
expect_status 0
expect_out "No changes: the host matches the manifest."
