#!/usr/bin/env bash
# Renaming, regrouping and reordering instances in one manifest change are assign steps and a
# reorder of multi_instance_directories, never destroy and create: the config, queue and data
# directories stay where they are with every file in them.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest before.yaml <<'YAML'
version: 1
instances:
  - name: postfix-a
    group: g1
    enable: true
  - name: postfix-b
    group: g1
  - name: postfix-c
YAML
# postfix-c is renamed (it is found by its config directory) and regrouped, postfix-a only
# regrouped, postfix-b only renamed; the order becomes c, a, b.
manifest after.yaml <<'YAML'
version: 1
instances:
  - name: postfix-c2
    group: g2
    config_directory: /etc/postfix-c
  - name: postfix-a
    group: g2
    enable: true
  - name: postfix-b1
    group: g1
    config_directory: /etc/postfix-b
YAML

step "set the scene"
setup before.yaml
run postmulti -l
expect_out "-               -               y         /etc/postfix
postfix-a       g1              y         /etc/postfix-a
postfix-b       g1              n         /etc/postfix-b
postfix-c       -               n         /etc/postfix-c"
declare -A ino=() sum=()
for x in a b c; do
    echo "kept file of $x" >"/etc/postfix-$x/local-notes"
    echo "queue file of $x" >"/var/spool/postfix-$x/saved/keep-me"
    for d in "/etc/postfix-$x" "/var/spool/postfix-$x" "/var/lib/postfix-$x"; do ino[$d]=$(inode "$d"); done
    sum[$x]=$(cd "/etc/postfix-$x" && sha256sum master.cf local-notes)
done

step "plan: assign steps and a reorder, nothing created or destroyed"
pmr plan -f after.yaml
expect_status 0
expect_out_line "Plan: 0 to create, 4 to change, 0 to destroy."
expect_eq "number of steps" 4 "$(plan_steps | wc -l)"
expect_out_line "  ~ 1. assign postfix-a (/etc/postfix-a)"
expect_out_line "  ~ 4. reorder - (/etc/postfix)"
expect_out_line "  ~ 2. assign postfix-b (/etc/postfix-b)"
expect_out_line "  ~ 3. assign postfix-c (/etc/postfix-c)"
expect_out_line '        multi_instance_group: "g1" -> "g2"'
expect_out_line '        multi_instance_name: "postfix-b" -> "postfix-b1"'
expect_out_line '        multi_instance_name: "postfix-c" -> "postfix-c2"'
expect_out_line '        multi_instance_group: "" -> "g2"'
expect_out_line '        multi_instance_directories: "/etc/postfix-a /etc/postfix-b /etc/postfix-c" -> "/etc/postfix-c /etc/postfix-a /etc/postfix-b"'

step "apply"
pmr apply -f after.yaml --auto-approve
expect_status 0
expect_out_line "Apply complete: 0 created, 4 changed, 0 destroyed."

step "postmulti -l: new names and groups, manifest order"
run postmulti -l
expect_status 0
expect_out "-               -               y         /etc/postfix
postfix-c2      g2              n         /etc/postfix-c
postfix-a       g2              y         /etc/postfix-a
postfix-b1      g1              n         /etc/postfix-b"
expect_cf /etc/postfix multi_instance_directories "/etc/postfix-c /etc/postfix-a /etc/postfix-b"

step "the same directories, every file kept"
for x in a b c; do
    for d in "/etc/postfix-$x" "/var/spool/postfix-$x" "/var/lib/postfix-$x"; do
        [ -d "$d" ] || fail "$d is gone"
        expect_eq "inode of $d" "${ino[$d]}" "$(inode "$d")"
    done
    expect_eq "files of /etc/postfix-$x" "${sum[$x]}" "$(cd "/etc/postfix-$x" && sha256sum master.cf local-notes)"
    expect_eq "queue file of $x" "queue file of $x" "$(cat "/var/spool/postfix-$x/saved/keep-me")"
    [ -d "/var/spool/postfix-$x/maildrop" ] || fail "the queue tree of postfix-$x is gone"
done
for d in /etc/postfix-c2 /etc/postfix-b1 /var/spool/postfix-c2 /var/lib/postfix-b1; do
    [ ! -e "$d" ] || fail "$d was created"
done
expect_cf /etc/postfix-c queue_directory /var/spool/postfix-c

step "plan again: nothing to do"
pmr plan -f after.yaml --detailed-exitcode
expect_status 0
expect_out "No changes: the host matches the manifest."
