#!/usr/bin/env bash
# The Ansible collection contrib/ansible (pmreconcile.postfix), built with ansible-galaxy and
# installed into a scratch collections path, its module pmreconcile.postfix.pmreconcile run by
# Debian's ansible-core against localhost (connection: local) inside the sandbox
# (tests/sandbox/pmr-sandbox), with real Postfix:
#   - check mode (with --diff) reports changed, with the plan's before/after values, and changes
#     nothing under /etc, /var/spool or /var/lib;
#   - a real run applies: Postfix's own postmulti lists the instances, main.cf has the values;
#   - a second run reports ok (unchanged) and writes nothing;
#   - state: planned reports a pending change without applying it; manifest_content applies it;
#   - a bad manifest fails with pmreconcile's own message, and so does a busy lock after
#     lock_timeout seconds (changed: false, no step ran);
#   - a plan pmreconcile refuses in part (a destroy of an instance whose queue holds mail) fails,
#     in check mode with changed: false, applied with changed: true (its other steps ran);
#   - the manifest's text is in neither the result nor the -v output, unless return_manifest;
#   - the shipped playbook.yml works on a host without /etc/pmreconcile.
# Skips (77) unless run as root with Postfix installed, or when ansible-core cannot be installed.
dir=$(dirname "${BASH_SOURCE[0]}")
. "$dir/lib.sh"
need_tools ansible-playbook=ansible-core
. "$dir/../e2e/lib.sh"
e2e_begin "$@"

# Ansible requires a UTF-8 locale.
export LC_ALL=C.UTF-8
# Ansible's own files (~/.ansible, temporary directories) stay in the scratch directory.
export HOME=$E2E_TMP/home ANSIBLE_HOME=$E2E_TMP/home/.ansible
export ANSIBLE_LOCAL_TEMP=$E2E_TMP/ansible-tmp ANSIBLE_REMOTE_TEMP=$E2E_TMP/ansible-tmp
export ANSIBLE_COLLECTIONS_PATH=$E2E_TMP/collections
export ANSIBLE_NOCOLOR=1 ANSIBLE_RETRY_FILES_ENABLED=0
export ANSIBLE_PYTHON_INTERPRETER=/usr/bin/python3 ANSIBLE_LOCALHOST_WARNING=0
mkdir -p "$HOME" "$ANSIBLE_LOCAL_TEMP"

step "ansible-galaxy builds the collection and installs it"
run ansible-galaxy collection build --output-path "$E2E_TMP/dist" "$PKG_TOP/contrib/ansible"
expect_status 0
tarball=$(echo "$E2E_TMP"/dist/pmreconcile-postfix-*.tar.gz)
[ -f "$tarball" ] || { _show_last; fail "no collection tarball"; }
tar -tzf "$tarball" | sort >"$E2E_TMP/collection.files"
for path in MANIFEST.json plugins/modules/pmreconcile.py meta/runtime.yml README.md; do
    grep -qxF "$path" "$E2E_TMP/collection.files" || fail "the collection lacks $path"
done
! grep -qE '^(playbook\.yml|inventory\.example|files/)' "$E2E_TMP/collection.files" ||
    fail "the example playbook went into the collection"
run ansible-galaxy collection install --offline -p "$ANSIBLE_COLLECTIONS_PATH" "$tarball"
expect_status 0
run ansible-doc pmreconcile.postfix.pmreconcile
expect_status 0
expect_out_has "return_manifest"

# A playbook runs pmreconcile tasks on localhost, one after another, each registered (failures
# ignored until the end, then the playbook fails); one last task saves every result, also in
# check mode, to $E2E_TMP/results.json.
#
#   play_begin NAME; task ID [check] <<EOF ... module arguments ... EOF; ...; play_end
#
# `check` runs that task in check mode (with --diff).
play_begin() {
    PLAY=$E2E_TMP/$1.yml TASKS=()
    printf -- '- hosts: localhost\n  connection: local\n  gather_facts: false\n  tasks:\n' >"$PLAY"
}
task() {
    TASKS+=("$1")
    {
        printf -- '    - name: %s\n      register: r_%s\n      ignore_errors: true\n' "$1" "$1"
        [ "${2-}" = check ] && printf -- '      check_mode: true\n      diff: true\n'
        printf -- '      pmreconcile.postfix.pmreconcile:\n        executable: %s\n' "$PMRECONCILE"
        sed 's/^/        /'
    } >>"$PLAY"
}
play_end() {
    local id results="" failed=""
    for id in "${TASKS[@]}"; do
        results+="'$id': r_$id, "
        failed+="${failed:+ or }r_$id is failed"
    done
    {
        printf -- '    - name: save the results\n      check_mode: false\n      diff: false\n'
        printf -- '      ansible.builtin.copy:\n        dest: %s\n' "$E2E_TMP/results.json"
        printf -- '        content: "{{ {%s} | to_json }}"\n' "$results"
        printf -- '    - name: fail as a task did\n      when: %s\n' "$failed"
        printf -- '      ansible.builtin.fail:\n        msg: a pmreconcile task failed\n'
    } >>"$PLAY"
}

# playbook NAME [ANSIBLE-PLAYBOOK ARGS...]: runs it (its output shown).
playbook() {
    local name=$1
    shift
    rm -f "$E2E_TMP/results.json"
    run ansible-playbook -i localhost, "$@" "$E2E_TMP/$name.yml"
    cat "$OUT"
    [ -s "$E2E_TMP/results.json" ] || { _show_last; fail "the playbook saved no results"; }
}

# expect_result ID EXPRESSION VALUE: a Python expression over task ID's result `r` prints VALUE.
expect_result() {
    local got
    got=$(python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))[sys.argv[2]]
print(eval(sys.argv[3]))' "$E2E_TMP/results.json" "$1" "$2") ||
        fail "cannot evaluate $2 over the result of $1"
    [ "$got" = "$3" ] || { cat "$E2E_TMP/results.json"; echo; fail "$1: $2 is '$got', expected '$3'"; }
}

manifest two.yaml <<'YAML'
version: 1
# marker: this comment is only in the manifest's text
instances:
  - name: postfix-in
    group: mta
    enable: true
    parameters:
      myhostname: in.example.com
  - name: postfix-out
    group: mta
    parameters:
      myhostname: out.example.com
      smtp_bind_address: 127.0.0.1
YAML
manifest retuned.yaml <<'YAML'
version: 1
instances:
  - name: postfix-in
    group: mta
    enable: true
    parameters:
      myhostname: mx.example.com
  - name: postfix-out
    group: mta
YAML
printf 'version: 2\ninstances: []\n' >"$E2E_TMP/bad.yaml"
apply_two() {
    task "$1" "${2-}" <<EOF
manifest: $E2E_TMP/two.yaml
state: applied
config_directory: /etc/postfix
lock_timeout: 5
EOF
}

step "ansible-playbook --check --diff: changed, the plan's values in the diff, nothing written"
play_begin check
apply_two check
play_end
snapshot before
playbook check --check --diff
expect_status 0
expect_result check "r['changed']" True
expect_result check "r['applied']" False
expect_result check "r['summary']" "{'create': 2, 'import': 0, 'change': 4, 'deport': 0, 'destroy': 0, 'start': 0, 'stop': 0, 'restart': 0, 'refused': 0}"
expect_result check "r['steps'][1]" "+ create postfix-in (/etc/postfix-in)"
expect_result check "'myhostname: (unset)' in r['diff']['before']" True
expect_result check "'myhostname: \"in.example.com\"' in r['diff']['after']" True
expect_result check "'multi_instance_enable: \"yes\"' in r['diff']['after']" True
expect_out_has '+myhostname: "in.example.com"'
expect_unchanged before
run postmulti -l
expect_out "-               -               y         /etc/postfix"

step "a real run applies; the manifest's text is neither in the result nor in -v output"
play_begin apply
apply_two apply
play_end
playbook apply -v
expect_status 0
expect_out_lacks "marker: this comment"
expect_result apply "'manifest' in r['plan']['origin']" False
expect_result apply "r['plan']['origin']['manifest_path']" "$E2E_TMP/two.yaml"
expect_result apply "r['changed']" True
expect_result apply "r['applied']" True
expect_result apply "'Apply complete: 2 created, 4 changed, 0 destroyed.' in r['stdout_lines']" True
expect_result apply "'diff' in r" False
run postmulti -l
expect_status 0
expect_out "-               -               y         /etc/postfix
postfix-in      mta             y         /etc/postfix-in
postfix-out     mta             n         /etc/postfix-out"
expect_cf /etc/postfix-in myhostname in.example.com
expect_cf /etc/postfix-out smtp_bind_address 127.0.0.1

step "a second run: ok, unchanged; state: planned reports a change and applies nothing"
play_begin again
apply_two again
task planned <<EOF
manifest: $E2E_TMP/retuned.yaml
state: planned
EOF
task planned_check check <<EOF
manifest: $E2E_TMP/retuned.yaml
EOF
play_end
snapshot applied
playbook again
expect_status 0
expect_result again "r['changed']" False
expect_result again "r['applied']" False
expect_result again "r['steps']" "[]"
expect_result planned "r['changed']" True
expect_result planned "r['applied']" False
expect_result planned "r['steps']" "['~ configure postfix-in (/etc/postfix-in)']"
expect_result planned_check "r['changed']" True
expect_result planned_check "r['applied']" False
expect_result planned_check "r['diff']['after'].splitlines()" \
    "['# 1. ~ configure postfix-in (/etc/postfix-in)', 'myhostname: \"mx.example.com\"']"
expect_result planned_check "r['diff']['before'].splitlines()[1]" 'myhostname: "in.example.com"'
expect_unchanged applied

step "manifest_content applies the change, then reports ok"
play_begin content
for id in content content_again; do
    task "$id" <<EOF
manifest_content: |
$(sed 's/^/  /' "$E2E_TMP/retuned.yaml")
EOF
done
play_end
playbook content
expect_status 0
expect_result content "r['changed']" True
expect_result content "r['applied']" True
expect_result content_again "r['changed']" False
expect_cf /etc/postfix-in myhostname mx.example.com
[ -z "$(find "$ANSIBLE_LOCAL_TEMP" -name 'pmreconcile-*.yaml')" ] || fail "manifest_content's temporary file was left behind"

step "failures carry pmreconcile's message: a bad manifest (also in check mode), a busy lock"
lock=/var/lib/pmreconcile/etc-postfix/lock
[ -f "$lock" ] || fail "$lock missing after an apply"
# One process holds the lock until it is killed after the playbook. It gives up by itself only
# after 10 minutes (should the test end early), far beyond the playbook's time even on a loaded
# machine: the 60 s it held it for before could end before ansible-playbook reached the task
# that must find it held.
python3 -c 'import fcntl, sys, time
lock = open(sys.argv[1], "a"); fcntl.flock(lock, fcntl.LOCK_EX)
open(sys.argv[2], "w").close(); time.sleep(600)' "$lock" "$E2E_TMP/locked" &
holder=$!
for _ in $(seq 1 600); do [ -e "$E2E_TMP/locked" ] && break; sleep 0.1; done
[ -e "$E2E_TMP/locked" ] || fail "could not take the lock for the test"
play_begin failures
task bad <<EOF
manifest: $E2E_TMP/bad.yaml
EOF
task bad_check check <<EOF
manifest: $E2E_TMP/bad.yaml
EOF
task locked <<EOF
manifest: $E2E_TMP/two.yaml
lock_timeout: 1
EOF
play_end
snapshot good
playbook failures
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
expect_status 2
message="$E2E_TMP/bad.yaml:1:10: unsupported manifest version '2' (this pmreconcile reads version 1)"
expect_result bad "r.get('failed')" True
expect_result bad "r['msg']" "$message"
expect_result bad "r['rc']" 1
expect_result bad_check "r.get('failed')" True
expect_result bad_check "r['msg']" "$message"
expect_result locked "r.get('failed')" True
expect_result locked "r['applied']" True
expect_result locked "r['changed']" False
expect_result locked "r['msg'].startswith('pmreconcile: error: another pmreconcile is running')" True
expect_result locked "'waited 1 s' in r['msg']" True
expect_unchanged good

step "a plan pmreconcile refuses in part fails: in check mode unchanged, applied changed"
# One message in postfix-out's queue (maildrop: its master is not running) refuses its destroy.
must postconf -c /etc/postfix-out -e authorized_submit_users=root
printf 'From: root\nTo: nobody@example.invalid\nSubject: keep\n\nkeep me\n' |
    MAIL_CONFIG=/etc/postfix-out sendmail -t || fail "sendmail to postfix-out failed"
[ -n "$(find /var/spool/postfix-out/maildrop -type f)" ] || fail "no message in postfix-out's maildrop"
manifest refused.yaml <<'YAML'
version: 1
instances:
  - name: postfix-in
    group: mta
    enable: true
    parameters:
      myhostname: refused.example.com
  - name: postfix-out
    state: absent
YAML
reason="refused to destroy postfix-out (/etc/postfix-out): not destroyed: its queue holds 1 message; the instance is left as it is"
play_begin refusals
task refused_check check <<EOF
manifest: $E2E_TMP/refused.yaml
EOF
task refused_planned <<EOF
manifest: $E2E_TMP/refused.yaml
state: planned
return_manifest: true
EOF
task refused <<EOF
manifest: $E2E_TMP/refused.yaml
EOF
play_end
snapshot before_refusals
playbook refusals --check
expect_status 2
expect_result refused_check "r.get('failed')" True
expect_result refused_check "r['changed']" False
expect_result refused_check "r['applied']" False
expect_result refused_check "r['msg']" "pmreconcile apply would fail: $reason"
expect_result refused_check "r['refusals'][0]['instance']" postfix-out
expect_result refused_check "'refused: postfix-out' in r['diff']['after']" True
# state: planned is a drift report: the refusal is a warning there, not a failure.
expect_result refused_planned "r.get('failed', False)" False
expect_result refused_planned "r['changed']" True
expect_result refused_planned "r['warnings']" "['pmreconcile $reason']"
expect_result refused_planned "r['plan']['origin']['manifest'] == open('$E2E_TMP/refused.yaml').read()" True
expect_unchanged before_refusals
playbook refusals
expect_status 2
expect_result refused "r.get('failed')" True
expect_result refused "r['applied']" True
expect_result refused "r['changed']" True
expect_result refused "r['msg']" "pmreconcile: error: $reason"
expect_cf /etc/postfix-in myhostname refused.example.com
run postmulti -l -i postfix-out
expect_status 0

step "the shipped playbook on a host without /etc/pmreconcile"
rm -rf /etc/pmreconcile
mkdir -p "$E2E_TMP/shipped" "$E2E_TMP/bin"
cp -r "$PKG_TOP/contrib/ansible/playbook.yml" "$PKG_TOP/contrib/ansible/files" "$E2E_TMP/shipped/"
printf '[mail]\nmail1.example.com ansible_connection=local\n' >"$E2E_TMP/shipped/inventory"
ln -sf "$PMRECONCILE" "$E2E_TMP/bin/pmreconcile"
# Already root, without sudo; no systemd in the sandbox to start the timer with.
shipped() {
    PATH=$E2E_TMP/bin:$PATH run ansible-playbook -i "$E2E_TMP/shipped/inventory" \
        -e ansible_become=false -e pmreconcile_drift_timer=false "$@" "$E2E_TMP/shipped/playbook.yml"
    cat "$OUT"
}
snapshot before_shipped
shipped --check --diff
expect_status 0
expect_out_has '+myhostname: "mx.example.com"'
expect_unchanged before_shipped
shipped
expect_status 0
cmp "$PKG_TOP/contrib/ansible/files/mail1.example.com.yaml" /etc/pmreconcile/instances.yaml ||
    fail "the playbook did not install the manifest for the drift check"
[ "$(stat -c %a /etc/pmreconcile)" = 755 ] || fail "/etc/pmreconcile's mode is $(stat -c %a /etc/pmreconcile)"
expect_cf /etc/postfix-in myhostname mx.example.com
run "$PMRECONCILE" check -f /etc/pmreconcile/instances.yaml
expect_status 0
