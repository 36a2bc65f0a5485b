#!/usr/bin/env bash
# Listener conflicts (#17): a manifest with two enabled instances on the same address and port is
# refused by plan and apply (exit 1, both manifest positions named, nothing applied), and two
# explicit HOST:PORT services by validate; then the same pair made by hand with postmulti and
# postconf is refused by check, and started with real Postfix shows what the check prevents: with
# SO_REUSEPORT (Postfix 3.6 and later) both masters start and hold a listening socket each on the
# one address and port. Every master started is stopped.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest pair.yaml <<'YAML'
version: 1
primary:
  parameters:
    master_service_disable: inet
instances:
  - name: postfix-a
    enable: true
    parameters:
      master_service_disable: ""
      inet_interfaces: 127.0.0.1
  - name: postfix-b
    enable: true
    parameters:
      master_service_disable: ""
      inet_interfaces: loopback-only
YAML

step "plan refuses the pair, naming both positions"
snapshot before
pmr plan -f pair.yaml
expect_status 1
expect_err_line "pmreconcile: error: pair.yaml:10:7: listener conflict: postfix-a (smtp/inet, 127.0.0.1:25) and postfix-b (smtp/inet, 127.0.0.1:25, at pair.yaml:15:7) bind the same address and port: Postfix starts both (SO_REUSEPORT) and each connection reaches either one"
expect_out_empty

step "apply refuses it too, and changes nothing"
pmr apply -f pair.yaml --auto-approve
expect_status 1
expect_err_has "listener conflict: postfix-a (smtp/inet, 127.0.0.1:25) and postfix-b"
expect_unchanged before

step "validate: two explicit HOST:PORT services on one port"
manifest explicit.yaml <<'YAML'
version: 1
instances:
  - name: postfix-a
    enable: true
    services:
      "127.0.0.1:10026/inet":
        command: smtpd
  - name: postfix-b
    enable: true
    services:
      "127.0.0.1:10026/inet":
        command: smtpd
YAML
pmr validate -f explicit.yaml
expect_status 1
expect_err_line "explicit.yaml:6:7: listener conflict: postfix-a (127.0.0.1:10026/inet, 127.0.0.1:10026) and postfix-b (127.0.0.1:10026/inet, 127.0.0.1:10026, at explicit.yaml:11:7) bind the same address and port: Postfix starts both (SO_REUSEPORT) and each connection reaches either one"

step "the same pair by hand: both on 127.0.0.1, one port"
must postmulti -e init
for name in a b; do
    must postmulti -I "postfix-$name" -e create
    must postmulti -i "postfix-$name" -e enable
    must postconf -c "/etc/postfix-$name" -e master_service_disable= inet_interfaces=127.0.0.1
done
prepare_ports /etc/postfix-a
port=$(awk '$2 == "inet" && $1 ~ /^[0-9]+$/ { print $1; exit }' /etc/postfix-a/master.cf)
[ -n "$port" ] || fail "prepare-instance-ports gave postfix-a no port"
must postconf -c /etc/postfix-b -MX smtp/inet
must postconf -c /etc/postfix-b -Me "$port/inet=$port inet n - n - - smtpd"

step "pmreconcile check of the host sees the conflict"
manifest host.yaml <<'YAML'
version: 1
instances:
  - name: postfix-a
  - name: postfix-b
YAML
pmr check -f host.yaml
expect_status 1
expect_err_has "listener conflict: postfix-a ($port/inet, 127.0.0.1:$port) and postfix-b ($port/inet, 127.0.0.1:$port"

step "real Postfix: both masters start and share the port"
# Postfix 3.6 and later set SO_REUSEPORT on their listeners (changelog 20200425): the second
# master does not fail, it binds the same address and port beside the first, and the kernel
# deals each connection to either instance. That silent split is what the check refuses.
stop_all() {
    postfix -c /etc/postfix-b stop >/dev/null 2>&1
    postfix -c /etc/postfix-a stop >/dev/null 2>&1
}
start /etc/postfix-a
run postfix -c /etc/postfix-b start
[ "$STATUS" = 0 ] || { stop_all; _show_last; fail "postfix-b did not start (exit $STATUS)"; }
running /etc/postfix-b || { stop_all; fail "postfix-b does not run"; }
pid_a=$(master_pid /etc/postfix-a)
pid_b=$(master_pid /etc/postfix-b)
# The listening sockets on 127.0.0.1:PORT (state 0A), by inode, and whose master holds each.
local_address=$(printf '0100007F:%04X' "$port")
inodes=$(awk -v a="$local_address" '$2 == a && $4 == "0A" { print $10 }' /proc/net/tcp | sort)
holder() { ls -l "/proc/$1/fd" 2>/dev/null | grep -o 'socket:\[[0-9]*\]' | tr -d 'socket:[]'; }
held_a=$(holder "$pid_a" | grep -xF -f <(printf '%s\n' $inodes))
held_b=$(holder "$pid_b" | grep -xF -f <(printf '%s\n' $inodes))
echo "listening on 127.0.0.1:$port: sockets $(echo $inodes); postfix-a's master holds $held_a, postfix-b's $held_b"
if [ "$(echo "$inodes" | wc -w)" != 2 ] || [ -z "$held_a" ] || [ -z "$held_b" ] ||
    [ "$held_a" = "$held_b" ]; then
    stop_all
    fail "expected two listening sockets on 127.0.0.1:$port, one per master"
fi
must postfix -c /etc/postfix-b stop
must postfix -c /etc/postfix-a stop
expect_ended "$pid_b"
expect_ended "$pid_a"
expect_no_masters
