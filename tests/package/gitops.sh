#!/usr/bin/env bash
# contrib/gitops/pmr-remote, the script of the GitOps pipeline examples, inside the sandbox with
# real Postfix, "ssh" and "scp" replaced by local stand-ins: validate; plan saves the plan and
# exits 2 with changes, writing nothing but in its temporary directory; apply carries out exactly
# the saved plan, installs the manifest for the drift check, which then finds the host in sync;
# planning again exits 0; a plan made stale by a change on the host is refused.
dir=$(dirname "${BASH_SOURCE[0]}")
. "$dir/lib.sh"
. "$dir/../e2e/lib.sh"
e2e_begin "$@"

remote=$PKG_TOP/contrib/gitops/pmr-remote
# Stand-ins: `ssh HOST COMMAND` runs COMMAND here; `scp [-q] SOURCE DEST` copies, HOST: dropped.
mkdir -p "$E2E_TMP/bin"
cat >"$E2E_TMP/bin/fake-ssh" <<'EOF'
#!/bin/bash
shift
exec bash -c "$*"
EOF
cat >"$E2E_TMP/bin/fake-scp" <<'EOF'
#!/bin/bash
[ "$1" = -q ] && shift
exec cp -- "${1#*:}" "${2#*:}"
EOF
chmod 755 "$E2E_TMP/bin/fake-ssh" "$E2E_TMP/bin/fake-scp"
ln -s "$PMRECONCILE" "$E2E_TMP/bin/pmreconcile"
export PATH=$E2E_TMP/bin:$PATH PMR_SSH=fake-ssh PMR_SCP=fake-scp

manifest mail1.yaml <<'YAML'
version: 1
instances:
  - name: postfix-out
    group: mta
    enable: true
    parameters:
      myhostname: out.example.com
YAML

step "validate"
run "$remote" validate "$E2E_TMP/mail1.yaml"
expect_status 0
expect_out "$E2E_TMP/mail1.yaml: valid (1 instance)"

step "plan: exit 2, the plan saved, nothing written on the host"
snapshot before
run "$remote" plan root@mail1 "$E2E_TMP/mail1.yaml" "$E2E_TMP/plan.json"
expect_status 2
expect_out_has "Plan: 1 to create, 3 to change, 0 to destroy."
expect_out_line "root@mail1: changes pending"
python3 -c 'import json, sys; assert json.load(open(sys.argv[1]))["changes"] is True' \
    "$E2E_TMP/plan.json" || fail "plan.json is not a plan with changes"
expect_unchanged before
[ -z "$(find /tmp -maxdepth 1 -name 'pmreconcile-ci.*')" ] || fail "plan left its temporary directory"

step "apply: the saved plan, the manifest installed, in sync"
run "$remote" apply root@mail1 "$E2E_TMP/plan.json" "$E2E_TMP/mail1.yaml"
expect_status 0
expect_out_line "Apply complete: 1 created, 3 changed, 0 destroyed."
expect_out_line "In sync: the host matches /etc/pmreconcile/instances.yaml."
cmp "$E2E_TMP/mail1.yaml" /etc/pmreconcile/instances.yaml || fail "the manifest was not installed"
expect_cf /etc/postfix-out myhostname out.example.com
[ -z "$(find /tmp -maxdepth 1 -name 'pmreconcile-ci.*')" ] || fail "apply left its temporary directory"

step "plan again: exit 0"
run "$remote" plan root@mail1 "$E2E_TMP/mail1.yaml" "$E2E_TMP/plan2.json"
expect_status 0
expect_out_line "root@mail1: no changes"

step "a plan made stale by a change on the host is refused"
sed -i 's/out.example.com/relay.example.com/' "$E2E_TMP/mail1.yaml"
run "$remote" plan root@mail1 "$E2E_TMP/mail1.yaml" "$E2E_TMP/plan3.json"
expect_status 2
must postconf -c /etc/postfix-out -e smtpd_banner=changed
snapshot changed
run "$remote" apply root@mail1 "$E2E_TMP/plan3.json" "$E2E_TMP/mail1.yaml"
expect_status 1
expect_err_has "the saved plan is stale"
expect_unchanged changed
