#!/usr/bin/env bash
# An easy rename mistake is pointed out: renaming postfix-out to postfix-relay without
# config_directory plans a create of /etc/postfix-relay while postfix-out stays, so the plan
# notes postfix-out and how to rename it instead; with config_directory it is an assign step and
# there is no note. plan changes nothing either way.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest out.yaml <<'YAML'
version: 1
instances:
  - name: postfix-out
    enable: true
YAML
manifest mistake.yaml <<'YAML'
version: 1
instances:
  - name: postfix-relay
    enable: true
YAML
manifest rename.yaml <<'YAML'
version: 1
instances:
  - name: postfix-relay
    config_directory: /etc/postfix-out
    enable: true
YAML
note="Note: postfix-out (/etc/postfix-out) is on the host but not in the manifest; to rename it instead of creating postfix-relay, give config_directory: /etc/postfix-out."

step "set the scene: postfix-out, enabled"
setup out.yaml
snapshot scene

step "the rename without config_directory: a create, and the note"
pmr plan -f mistake.yaml
expect_status 0
expect_steps "  + 1. create postfix-relay (/etc/postfix-relay)
  ~ 2. enable postfix-relay (/etc/postfix-relay)"
expect_out_line "$note"
pmr plan -f mistake.yaml --json
expect_status 0
expect_out_has "\"notes\":[\"${note#Note: }\"]"
expect_unchanged scene

step "with config_directory: an assign step, no note"
pmr plan -f rename.yaml
expect_status 0
expect_steps "  ~ 1. assign postfix-out (/etc/postfix-out)"
expect_out_lacks "Note:"
expect_unchanged scene
