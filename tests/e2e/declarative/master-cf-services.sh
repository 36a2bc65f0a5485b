#!/usr/bin/env bash
# master.cf services in the manifest, on real Postfix: apply adds, changes and removes services
# of a fresh instance exactly as postconf -Me/-MX would (every other byte of master.cf stays,
# compared with a copy edited by the real postconf); a second plan is empty; a hand edit with
# postconf -Me is drift that check names (exit 2) and apply repairs, with a reload of the
# running instance; export --with-services, planned, finds nothing to do; state: absent removes
# a service; a new instance is created with its services in one apply; a master.cf that cannot
# be used is an error only where the manifest manages its services.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest m.yaml <<'YAML'
version: 1
instances:
  - name: postfix-out
    enable: true
    services:
      127.0.0.1:10026/inet:
        private: n
        chroot: n
        command: smtpd
        options:
          content_filter: ""
          smtpd_authorized_xforward_hosts: 127.0.0.0/8
      smtp/inet:
        state: absent
      pickup/unix:
        wakeup: 30
YAML
no_changes="No changes: the host matches the manifest."
out=/etc/postfix-out
filter_entry='127.0.0.1:10026 inet n - n - - smtpd -o content_filter= -o smtpd_authorized_xforward_hosts=127.0.0.0/8'

# reference DIR: a scratch config directory for the real postconf, holding a copy of DIR's files.
reference() {
    rm -rf "$E2E_TMP/ref" && mkdir -m 0755 "$E2E_TMP/ref" || fail "cannot make $E2E_TMP/ref"
    cp -p "$1/main.cf" "$1/master.cf" "$E2E_TMP/ref/" || fail "cannot copy $1"
}

step "validate and plan show each service change"
pmr validate -f m.yaml
expect_status 0
pmr plan -f m.yaml
expect_status 0
expect_out_line '        service smtp/inet: "n - y - - smtpd" -> (absent)'
expect_out_line '        service 127.0.0.1:10026/inet: (absent) -> "n - n - - smtpd"'
expect_out_line '        service 127.0.0.1:10026/inet -o content_filter: (unset) -> ""'
expect_out_line '        service pickup/unix: "n - y 60 1 pickup" -> "n - y 30 1 pickup"'

step "apply to a fresh host: create, then the services"
must postmulti -e init
must postmulti -I postfix-out -e create
reference "$out"
pmr apply -f m.yaml --auto-approve
expect_status 0
expect_out_line "Apply complete: 0 created, 2 changed, 0 destroyed."

step "the master.cf is what the real postconf makes of the same edits, byte for byte"
must postconf -c "$E2E_TMP/ref" -MX smtp/inet
must postconf -c "$E2E_TMP/ref" -Me "127.0.0.1:10026/inet=$filter_entry"
must postconf -c "$E2E_TMP/ref" -Fe pickup/unix/wakeup=30
cmp "$E2E_TMP/ref/master.cf" "$out/master.cf" ||
    { diff -u "$E2E_TMP/ref/master.cf" "$out/master.cf"; fail "master.cf differs from postconf's"; }
run postconf -c "$out" -M 127.0.0.1:10026/inet smtp/inet pickup/unix
expect_status 0
expect_out "pickup     unix  n       -       y       30      1       pickup
127.0.0.1:10026 inet n   -       n       -       -       smtpd -o content_filter= -o smtpd_authorized_xforward_hosts=127.0.0.0/8"
run postconf -c "$out" -P 127.0.0.1:10026/inet
expect_out "127.0.0.1:10026/inet/content_filter =
127.0.0.1:10026/inet/smtpd_authorized_xforward_hosts = 127.0.0.0/8"
# Every other service is the stock one.
diff <(postconf -c "$out" -M | grep -vE '^(pickup|127\.0\.0\.1:10026) ') \
    <(postconf -c /etc/postfix -M | grep -vE '^(pickup|smtp +inet) ') ||
    fail "services the manifest does not list changed"

step "a second plan and check find nothing"
pmr plan -f m.yaml --detailed-exitcode
expect_status 0
expect_out "$no_changes"
pmr check -f m.yaml
expect_status 0

step "a hand edit with postconf -Me is drift, named"
must postfix -c "$out" start
expect_running "$out"
must postconf -c "$out" -Me '127.0.0.1:10026/inet=127.0.0.1:10026 inet n - y - - smtpd -o content_filter= -o smtpd_authorized_xforward_hosts=127.0.0.0/8'
pmr check -f m.yaml
expect_status 2
expect_out_line '        service 127.0.0.1:10026/inet: "n - y - - smtpd" -> "n - n - - smtpd"'
pmr plan -f m.yaml
expect_steps "  ~ 1. configure postfix-out (/etc/postfix-out)
  ! 2. reload postfix-out (/etc/postfix-out)"

step "a saved plan is stale once master.cf changes"
pmr plan -f m.yaml --out plan.json
expect_status 0
grep -q "\"$out/master.cf\":\"sha256:" plan.json || fail "the plan does not fingerprint master.cf"
must postconf -c "$out" -Fe pickup/unix/wakeup=31
pmr apply plan.json --auto-approve
expect_status 1
expect_err_has "changed: $out/master.cf"

step "apply repairs it and reloads the running instance"
pmr apply -f m.yaml --auto-approve
expect_status 0
expect_out_line "Apply complete: 0 created, 1 changed, 0 destroyed."
pmr check -f m.yaml
expect_status 0
expect_running "$out"
must postfix -c "$out" stop

step "export --with-services, then plan of the export: nothing to do"
pmr export --with-services -o exported.yaml
expect_status 0
cat exported.yaml
grep -q '"127.0.0.1:10026/inet":' exported.yaml || fail "the export lacks the filter service"
grep -q '"smtp/inet":' exported.yaml || fail "the export lacks the removed smtp/inet"
pmr plan -f exported.yaml --detailed-exitcode
expect_status 0
expect_out "$no_changes"
pmr export --with-services --with-parameters -o full.yaml
expect_status 0
pmr plan -f full.yaml --detailed-exitcode
expect_status 0
expect_out "$no_changes"

step "state: absent removes a service and leaves every other byte; a new instance gets its services"
manifest gone.yaml <<'YAML'
version: 1
instances:
  - name: postfix-out
    services:
      127.0.0.1:10026/inet: {state: absent}
  - name: postfix-new
    services:
      "[::1]:10027/inet": {command: smtpd, options: {syslog_name: postfix-new/reinject}}
YAML
reference "$out"
pmr apply -f gone.yaml --auto-approve
expect_status 0
must postconf -c "$E2E_TMP/ref" -MX 127.0.0.1:10026/inet
cmp "$E2E_TMP/ref/master.cf" "$out/master.cf" ||
    { diff -u "$E2E_TMP/ref/master.cf" "$out/master.cf"; fail "master.cf differs from postconf's"; }
run postconf -c "$out" -M 127.0.0.1:10026/inet
expect_out_empty
run postconf -c /etc/postfix-new -M '[::1]:10027/inet'
expect_out "[::1]:10027 inet -       -       -       -       -       smtpd -o syslog_name=postfix-new/reinject"
pmr plan -f gone.yaml --detailed-exitcode
expect_status 0
expect_out "$no_changes"

step "a master.cf that cannot be used is an error only where the manifest manages its services"
# The snapshot reads every listed instance's master.cf for the mail flow, while the manifest is
# parsed: one whose services the manifest does not manage must not count; one it manages, which
# that read could not take, is read again and refused.
must chmod o+w /etc/postfix-new/master.cf
manifest out-only.yaml <<'YAML'
version: 1
instances:
  - name: postfix-out
    services:
      127.0.0.1:10026/inet: {state: absent}
  - name: postfix-new
YAML
pmr plan -f out-only.yaml --detailed-exitcode
expect_status 0
expect_out "$no_changes"
pmr plan -f gone.yaml
expect_status 1
expect_err_has "/etc/postfix-new/master.cf: refusing a world-writable master.cf"
must chmod o-w /etc/postfix-new/master.cf
