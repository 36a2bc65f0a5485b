#!/usr/bin/env bash
# check is read-only by construction: on a fresh host, in sync, and with drift (even on a running
# instance whose fix would be a reload, or an instance a destroy is planned for) no byte, mtime or
# ctime under /etc, /var/spool or /var/lib changes. Exit 0 in sync, 2 with drift; --prometheus
# writes a node_exporter textfile with
# pmreconcile_drift{postfix_instance="NAME",config_directory="DIR"} and
# pmreconcile_last_run_success.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest m.yaml <<'YAML'
version: 1
instances:
  - name: postfix-a
    enable: true
    parameters:
      myhostname: a.example.com
  - name: postfix-b
    group: g
YAML
manifest gone.yaml <<'YAML'
version: 1
instances:
  - name: postfix-a
    enable: true
    parameters:
      myhostname: a.example.com
  - name: postfix-b
    state: absent
YAML
prom=$E2E_TMP/metrics/pmreconcile.prom
mkdir -p "$E2E_TMP/metrics"

# expect_metric LINE: the textfile has exactly this line.
expect_metric() {
    grep -qxF -- "$1" "$prom" || { cat "$prom"; fail "the textfile lacks the line: $1"; }
}
expect_metrics_common() {
    expect_metric "pmreconcile_last_run_success 1"
    grep -qE '^pmreconcile_last_run_timestamp_seconds [0-9]+$' "$prom" ||
        { cat "$prom"; fail "no pmreconcile_last_run_timestamp_seconds"; }
    [ "$(stat -c %a "$prom")" = 644 ] || fail "the textfile's mode is $(stat -c %a "$prom"), not 644"
    expect_eq "files in the textfile directory" pmreconcile.prom "$(ls -A "$E2E_TMP/metrics")"
}

step "fresh host: drift, and nothing written"
snapshot fresh
pmr check -f m.yaml
expect_status 2
expect_out_has "Drift: the host differs from m.yaml."
expect_out_line "Plan: 2 to create, 3 to change, 0 to destroy."
pmr check -f m.yaml --prometheus "$prom"
expect_status 2
cat "$prom"
expect_metric 'pmreconcile_drift{postfix_instance="-",config_directory="/etc/postfix"} 1'
expect_metric 'pmreconcile_drift{postfix_instance="postfix-a",config_directory="/etc/postfix-a"} 1'
expect_metric 'pmreconcile_drift{postfix_instance="postfix-b",config_directory="/etc/postfix-b"} 1'
expect_metrics_common
pmr check -f m.yaml --json
expect_status 2
expect_out_has '"format_version"'
expect_unchanged fresh

step "in sync"
setup m.yaml
snapshot synced
pmr check -f m.yaml --prometheus "$prom"
expect_status 0
expect_out "In sync: the host matches m.yaml."
cat "$prom"
expect_metric 'pmreconcile_drift{postfix_instance="-",config_directory="/etc/postfix"} 0'
expect_metric 'pmreconcile_drift{postfix_instance="postfix-a",config_directory="/etc/postfix-a"} 0'
expect_metric 'pmreconcile_drift{postfix_instance="postfix-b",config_directory="/etc/postfix-b"} 0'
expect_metrics_common
pmr check -f m.yaml --json
expect_status 0
expect_unchanged synced

step "drift on a running instance (its fix: configure and reload)"
prepare_ports /etc/postfix-a
must postconf -c /etc/postfix-a -e myhostname=drifted.example.com
start /etc/postfix-a
pid=$(master_pid /etc/postfix-a)
snapshot drifted
pmr check -f m.yaml --prometheus "$prom"
expect_status 2
expect_out_line "  ~ 1. configure postfix-a (/etc/postfix-a)"
expect_out_line "  ! 2. reload postfix-a (/etc/postfix-a)"
cat "$prom"
expect_metric 'pmreconcile_drift{postfix_instance="-",config_directory="/etc/postfix"} 0'
expect_metric 'pmreconcile_drift{postfix_instance="postfix-a",config_directory="/etc/postfix-a"} 1'
expect_metric 'pmreconcile_drift{postfix_instance="postfix-b",config_directory="/etc/postfix-b"} 0'
expect_metrics_common
expect_unchanged drifted
expect_eq "master pid" "$pid" "$(master_pid /etc/postfix-a)"
expect_cf /etc/postfix-a myhostname drifted.example.com

step "a destroy planned for an instance that ran: still read-only"
start /etc/postfix-b
must postfix -c /etc/postfix-b stop
snapshot gone
pmr check -f gone.yaml --prometheus "$prom"
expect_status 2
expect_out_line "  - 1. destroy postfix-b (/etc/postfix-b)"
expect_metric 'pmreconcile_drift{postfix_instance="postfix-b",config_directory="/etc/postfix-b"} 1'
expect_unchanged gone
[ -d /var/spool/postfix-b/public ] || fail "postfix-b's queue was touched"

step "stop postfix-a"
must postfix -c /etc/postfix-a stop
expect_no_masters
