#!/usr/bin/env bash
# The plan and apply summaries count each kind of step apart (#13): two deports are not "2 to
# destroy" (the files are kept), imports are not creates, and a plan that only refuses says so.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest three.yaml <<'YAML'
version: 1
instances:
  - name: postfix-keep
  - name: postfix-a
  - name: postfix-b
YAML
manifest deport.yaml <<'YAML'
version: 1
unmanaged: deport
instances:
  - name: postfix-keep
YAML
manifest back.yaml <<'YAML'
version: 1
instances:
  - name: postfix-keep
  - name: postfix-a
    config_directory: /etc/postfix-a
  - name: postfix-bee
    group: mta
    config_directory: /etc/postfix-b
YAML

step "set the scene: three instances"
setup three.yaml

step "two deports: counted as deports, not destroys"
pmr plan -f deport.yaml
expect_status 0
expect_steps "  > 1. deport postfix-a (/etc/postfix-a)
  > 2. deport postfix-b (/etc/postfix-b)"
expect_out_line "Plan: 0 to create, 0 to change, 2 to deport, 0 to destroy."
pmr plan -f deport.yaml --json
expect_status 0
expect_out_has '"summary":{"create":0,"import":0,"change":0,"deport":2,"destroy":0,"start":0,"stop":0,"restart":0,"refused":0}'
pmr apply -f deport.yaml --auto-approve
expect_status 0
expect_applied "[1/2] > deport postfix-a (/etc/postfix-a)
[2/2] > deport postfix-b (/etc/postfix-b)
Apply complete: 0 created, 0 changed, 2 deported, 0 destroyed."
for d in /etc/postfix-a /etc/postfix-b; do
    [ -f "$d/main.cf" ] || fail "$d/main.cf is gone: a deport keeps the files"
done

step "imported back, one renamed and regrouped: counted as imports, every main.cf line shown"
pmr plan -f back.yaml
expect_status 0
expect_steps "  + 1. import postfix-a (/etc/postfix-a)
  + 2. import postfix-bee (/etc/postfix-b)"
expect_eq "the import step of postfix-bee" '  + 2. import postfix-bee (/etc/postfix-b)
        config_directory: (unset) -> "/etc/postfix-b"
        multi_instance_name: "postfix-b" -> "postfix-bee"
        multi_instance_group: (unset) -> "mta"
        multi_instance_directories: "/etc/postfix-keep /etc/postfix-a" -> "/etc/postfix-keep /etc/postfix-a /etc/postfix-b"
        alternate_config_directories: "/etc/postfix-b" -> ""' "$(awk '/^  \+ 2\. /{p=1} /^$/{p=0} p' "$OUT")"
expect_out_line "Plan: 0 to create, 2 to import, 0 to change, 0 to destroy."
pmr apply -f back.yaml --auto-approve
expect_status 0
expect_out_line "Apply complete: 0 created, 2 imported, 0 changed, 0 destroyed."
run postmulti -l
expect_out "-               -               y         /etc/postfix
postfix-keep    -               n         /etc/postfix-keep
postfix-a       -               n         /etc/postfix-a
postfix-bee     mta             n         /etc/postfix-b"
