#!/usr/bin/env bash
# contrib/gitops/pmr-remote, the script of the GitOps pipeline examples, inside the sandbox with
# real Postfix, "ssh" and "scp" replaced by local stand-ins:
#   - the plan key's forced command, contrib/gitops/pmreconcile-remote, refuses apply and every
#     other command with exit 1 and a clear message, and changes nothing; it validates, plans
#     (text, or the saved plan on standard output) and checks a manifest read from standard input;
#   - validate; plan, through the forced command as a plan key's ssh would run it, saves the plan,
#     exits 2 with changes, writes nothing on the host and names the saved plan it keeps, not a
#     file already removed;
#   - the pipelines: secrets reach GitHub's `run:` scripts only through `env:`, plan and apply
#     jobs have separate concurrency groups, apply runs on main only, manual (GitHub: an
#     environment; GitLab: when: manual on a protected branch) and only apply jobs get the apply
#     key;
#   - apply (the apply key) carries out exactly the saved plan, installs the manifest for the
#     drift check, which then finds the host in sync; planning again exits 0; a plan made stale
#     by a change on the host is refused.
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
# The plan key's ssh: the host runs the forced command of its authorized_keys entry, with the
# client's command in SSH_ORIGINAL_COMMAND.
wrapper=$PKG_TOP/contrib/gitops/pmreconcile-remote
cat >"$E2E_TMP/bin/fake-ssh-plan" <<EOF
#!/bin/bash
shift
SSH_ORIGINAL_COMMAND="\$*" exec "$wrapper" --executable "$PMRECONCILE"
EOF
chmod 755 "$E2E_TMP/bin/fake-ssh" "$E2E_TMP/bin/fake-scp" "$E2E_TMP/bin/fake-ssh-plan"
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

step "the pipelines keep the apply key to manual jobs of main, secrets out of scripts"
python3 - "$PKG_TOP/contrib/gitops/github/pmreconcile.yml" "$PKG_TOP/contrib/gitops/.gitlab-ci.yml" <<'EOF' ||
import sys, yaml
github = yaml.safe_load(open(sys.argv[1]))
gitlab = yaml.safe_load(open(sys.argv[2]))
problems = []
for name, job in github["jobs"].items():
    for step in job["steps"]:
        if "${{" in step.get("run", ""):
            problems.append("github %s: ${{ }} in the run: of %r" % (name, step.get("name")))
    for step in job["steps"]:
        for key, value in step.get("env", {}).items():
            if "SSH_APPLY_KEY" in value and name != "apply":
                problems.append("github %s: gets SSH_APPLY_KEY" % name)
plan, apply = github["jobs"]["plan"], github["jobs"]["apply"]
if plan["concurrency"]["group"].split("-")[0] == apply["concurrency"]["group"].split("-")[0]:
    problems.append("github: plan and apply share a concurrency group")
if apply["concurrency"].get("cancel-in-progress") is not False:
    problems.append("github: apply may be cancelled in progress")
if apply.get("environment") != "mail" or "refs/heads/main" not in apply.get("if", ""):
    problems.append("github: apply is not limited to main and the environment mail")
for name, job in gitlab.items():
    if isinstance(job, dict) and "script" in job:
        script = "\n".join(job["script"])
        if "SSH_APPLY_KEY" in script and name != "apply":
            problems.append("gitlab %s: uses SSH_APPLY_KEY" % name)
rules = gitlab["apply"]["rules"]
if [r.get("when") for r in rules] != ["manual"] or "CI_COMMIT_REF_PROTECTED" not in rules[0]["if"]:
    problems.append("gitlab: apply is not manual on protected main only")
if gitlab["apply"].get("resource_group") == gitlab["plan"].get("resource_group"):
    problems.append("gitlab: plan and apply share a resource group")
print("\n".join(problems))
sys.exit(1 if problems else 0)
EOF
    fail "the pipeline examples (above)"

step "validate"
run "$remote" validate "$E2E_TMP/mail1.yaml"
expect_status 0
expect_out "$E2E_TMP/mail1.yaml: valid (1 instance)"

# forced COMMAND: the forced command run with SSH_ORIGINAL_COMMAND=COMMAND, the manifest on stdin.
forced() {
    # run reads standard input from /dev/null: the manifest is redirected inside.
    SSH_ORIGINAL_COMMAND=$1 run bash -c 'exec "$@" <"$0"' "$E2E_TMP/mail1.yaml" \
        "$wrapper" --executable "$PMRECONCILE"
}
no_leftovers() {
    [ -z "$(find /tmp -maxdepth 1 \( -name 'pmreconcile-ci.*' -o -name 'pmreconcile-remote.*' \))" ] ||
        fail "$1 left a temporary directory in /tmp"
}

step "the plan key's forced command refuses apply and anything else, and changes nothing"
snapshot before
for command in apply "apply /tmp/plan.json" "apply -f -" "plan; apply" "plan --out /etc/passwd" \
    "plan -f /etc/pmreconcile/instances.yaml" "validate check" "export" "bash" "rm -rf /"; do
    forced "$command"
    expect_status 1
    expect_out_empty
    expect_err "pmreconcile-remote: refused '$command': this key runs only 'validate', 'plan', 'plan --out -' or 'check' (apply needs the apply key, on the protected branch)"
done
forced ""
expect_status 1
expect_err_has "pmreconcile-remote: no command: this key runs only"
expect_unchanged before
no_leftovers "a refused command"

step "the forced command validates, plans and checks the manifest on standard input"
forced validate
expect_status 0
expect_out_has ": valid (1 instance)"
forced plan
expect_status 2
expect_out_has "Plan: 1 to create, 3 to change, 0 to destroy."
forced check
expect_status 2
expect_out_has "Drift: the host differs from"
forced "plan --out -"
expect_status 2
expect_err_has "Plan: 1 to create, 3 to change, 0 to destroy."
! grep -q "Saved the plan to" "$ERR" || fail "the forced command names its temporary plan file"
python3 -c 'import json, sys; assert json.load(open(sys.argv[1]))["changes"] is True' "$OUT" ||
    fail "plan --out - did not print a saved plan"
expect_unchanged before
no_leftovers "the forced command"

step "plan through the plan key: exit 2, the plan saved, nothing written on the host"
PMR_SSH=fake-ssh-plan run "$remote" plan root@mail1 "$E2E_TMP/mail1.yaml" "$E2E_TMP/plan.json"
expect_status 2
expect_err_has "Plan: 1 to create, 3 to change, 0 to destroy."
expect_out_line "root@mail1: changes pending; the saved plan is $E2E_TMP/plan.json (this job's artefact): the"
! grep -q "pmreconcile-remote\.\|pmreconcile-ci\." "$OUT" "$ERR" ||
    fail "plan's output names a temporary file that is gone"
python3 -c 'import json, sys; assert json.load(open(sys.argv[1]))["changes"] is True' \
    "$E2E_TMP/plan.json" || fail "plan.json is not a plan with changes"
expect_unchanged before
no_leftovers "plan"

step "apply: the saved plan, the manifest installed, in sync"
run "$remote" apply root@mail1 "$E2E_TMP/plan.json" "$E2E_TMP/mail1.yaml"
expect_status 0
expect_out_line "Apply complete: 1 created, 3 changed, 0 destroyed."
expect_out_line "In sync: the host matches /etc/pmreconcile/instances.yaml."
cmp "$E2E_TMP/mail1.yaml" /etc/pmreconcile/instances.yaml || fail "the manifest was not installed"
expect_cf /etc/postfix-out myhostname out.example.com
no_leftovers "apply"

step "plan again: exit 0"
PMR_SSH=fake-ssh-plan run "$remote" plan root@mail1 "$E2E_TMP/mail1.yaml" "$E2E_TMP/plan2.json"
expect_status 0
expect_out_line "root@mail1: no changes"

step "a plan made stale by a change on the host is refused"
sed -i 's/out.example.com/relay.example.com/' "$E2E_TMP/mail1.yaml"
PMR_SSH=fake-ssh-plan run "$remote" plan root@mail1 "$E2E_TMP/mail1.yaml" "$E2E_TMP/plan3.json"
expect_status 2
must postconf -c /etc/postfix-out -e smtpd_banner=changed
snapshot changed
run "$remote" apply root@mail1 "$E2E_TMP/plan3.json" "$E2E_TMP/mail1.yaml"
expect_status 1
expect_err_has "the saved plan is stale"
expect_unchanged changed
