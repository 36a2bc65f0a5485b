#!/usr/bin/env bash
# Instances made with Postfix's own postmulti (create, assign, enable, custom directories, a
# postconf -e edit) are exported as a manifest; planning that manifest finds nothing to do, with
# and without --with-parameters, and exporting changes nothing on the host.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

step "set the scene with the real postmulti"
must postmulti -e init
must postmulti -I postfix-a -G g1 -e create
must postmulti -I postfix-b -e create
must postmulti -I postfix-c -G g1 -e create config_directory=/etc/pf-c \
    queue_directory=/var/spool/pf-c data_directory=/var/lib/pf-c
must postmulti -i postfix-b -G g2 -e assign
must postmulti -i postfix-a -e enable
must postmulti -i postfix-c -e enable
must postconf -c /etc/postfix-b -e myhostname=b.example.com "smtpd_banner = \$myhostname ESMTP b"
must postconf -c /etc/postfix -e relayhost=[192.0.2.1]:587
run postmulti -l
expect_out "-               -               y         /etc/postfix
postfix-a       g1              y         /etc/postfix-a
postfix-b       g2              n         /etc/postfix-b
postfix-c       g1              y         /etc/pf-c"
snapshot made

step "export: the host as a manifest"
pmr export -o exported.yaml
expect_status 0
expect_out_empty
cat exported.yaml
pmr validate -f exported.yaml
expect_status 0
expect_out "exported.yaml: valid (3 instances)"

step "plan of the export: nothing to do"
pmr plan -f exported.yaml --detailed-exitcode
expect_status 0
expect_out "No changes: the host matches the manifest."
pmr check -f exported.yaml
expect_status 0

step "export --with-parameters, then plan: nothing to do"
pmr export --with-parameters -o full.yaml
expect_status 0
cat full.yaml
grep -q 'b.example.com' full.yaml || fail "the export lacks postfix-b's myhostname"
pmr plan -f full.yaml --detailed-exitcode
expect_status 0
expect_out "No changes: the host matches the manifest."
pmr check -f full.yaml
expect_status 0

step "export to stdout is the same manifest"
pmr export
expect_status 0
diff -u exported.yaml "$OUT" || fail "export to stdout differs from export -o"

step "applying the exports changes nothing"
pmr apply -f full.yaml --auto-approve
expect_status 0
expect_out "No changes: the host matches the manifest."
pmr apply -f exported.yaml --auto-approve
expect_status 0
expect_out "No changes: the host matches the manifest."
expect_unchanged made
