#!/usr/bin/python3
# -*- coding: utf-8 -*-
# Ansible module for pmreconcile(8): make a host's Postfix instances match a manifest.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: pmreconcile
short_description: Make the Postfix instances of a host match a pmreconcile manifest
description:
  - Runs C(pmreconcile plan --json) against the manifest and reports C(changed) from the plan.
  - With I(state=applied) and changes pending, runs
    C(pmreconcile apply -f MANIFEST --auto-approve) (not in check mode).
  - Check mode only plans; it never applies and never writes on the host.
  - With C(--diff), the before and after value of every parameter the plan changes, per step.
  - Commands run as an argument list, never through a shell. On failure, the module fails with
    pmreconcile's own error message.
options:
  manifest:
    description: Path of the manifest on the target, e.g. C(/etc/pmreconcile/instances.yaml).
    type: path
  manifest_content:
    description:
      - The manifest's text. Written to a private temporary file on the target for the run.
      - Exactly one of I(manifest) and I(manifest_content) is required.
    type: str
  state:
    description:
      - C(applied) makes the host match the manifest.
      - C(planned) only plans; C(changed) then reports whether applying would change the host.
    type: str
    choices: [planned, applied]
    default: applied
  config_directory:
    description: The primary instance's config directory (C(pmreconcile -c)); default Postfix's.
    type: path
  lock_timeout:
    description: Seconds to wait while another pmreconcile changes the host (C(--lock-timeout)).
    type: int
  executable:
    description: The pmreconcile executable; default C(pmreconcile) from C(PATH) or C(/usr/sbin).
    type: path
requirements:
  - pmreconcile on the target (the Debian package installs C(/usr/sbin/pmreconcile))
notes:
  - "Runs as root on the target (C(become: true)): apply changes Postfix's files."
  - Supports check mode and diff mode.
author:
  - pmreconcile maintainers
"""

EXAMPLES = r"""
- name: Postfix instances as in the manifest
  pmreconcile:
    manifest: /etc/pmreconcile/instances.yaml
    lock_timeout: 60

- name: Manifest from a template, planned only
  pmreconcile:
    manifest_content: "{{ lookup('template', 'instances.yaml.j2') }}"
    state: planned
  register: plan

- debug:
    var: plan.plan.summary
"""

RETURN = r"""
plan:
  description: The plan as C(pmreconcile plan --json) prints it (format_version 1.x), made
    before anything was applied.
  returned: success
  type: dict
summary:
  description: Counts of the plan's steps, each kind apart (create, import, change, deport,
    destroy, refused).
  returned: success
  type: dict
steps:
  description: One line per step, as the text plan shows them (C(+ create postfix-out (/etc/postfix-out))).
  returned: success
  type: list
  elements: str
refusals:
  description: Steps pmreconcile refuses, with the reason (a destroy while the queue holds mail).
  returned: success
  type: list
  elements: dict
applied:
  description: Whether C(pmreconcile apply) ran.
  returned: success
  type: bool
stdout:
  description: The output of C(pmreconcile apply), when it ran.
  returned: when applied
  type: str
"""

import json
import os
import tempfile

from ansible.module_utils.basic import AnsibleModule

SUPPORTED_FORMAT_MAJOR = "1"


def describe(value):
    """A parameter value as the text plan shows it: quoted, or (unset) for null."""
    if value is None:
        return "(unset)"
    return json.dumps(value)


def step_line(step):
    return "%s %s %s (%s)" % (step.get("symbol", "~"), step.get("kind", "?"),
                              step.get("instance", "?"), step.get("config_directory", "?"))


def make_diff(plan, manifest_label):
    """before/after texts from the plan's changes, one block per step."""
    before = []
    after = []
    for number, step in enumerate(plan.get("steps", []), 1):
        header = "# %d. %s" % (number, step_line(step))
        before.append(header)
        after.append(header)
        for change in step.get("changes", []):
            before.append("%s: %s" % (change.get("name"), describe(change.get("before"))))
            after.append("%s: %s" % (change.get("name"), describe(change.get("after"))))
    for refusal in plan.get("refusals", []):
        line = "# refused: %s (%s): %s" % (refusal.get("instance"),
                                           refusal.get("config_directory"), refusal.get("reason"))
        before.append(line)
        after.append(line)
    return {
        "before_header": "host",
        "after_header": manifest_label,
        "before": "\n".join(before) + ("\n" if before else ""),
        "after": "\n".join(after) + ("\n" if after else ""),
    }


def error_text(stderr, stdout, what):
    """pmreconcile's own message: its stderr, else its stdout, else a generic text."""
    text = (stderr or "").strip() or (stdout or "").strip()
    return text or what


def main():
    module = AnsibleModule(
        argument_spec=dict(
            manifest=dict(type="path"),
            manifest_content=dict(type="str"),
            state=dict(type="str", choices=["planned", "applied"], default="applied"),
            config_directory=dict(type="path"),
            lock_timeout=dict(type="int"),
            executable=dict(type="path"),
        ),
        mutually_exclusive=[("manifest", "manifest_content")],
        required_one_of=[("manifest", "manifest_content")],
        supports_check_mode=True,
    )
    params = module.params

    executable = params["executable"] or module.get_bin_path(
        "pmreconcile", required=True, opt_dirs=["/usr/sbin", "/usr/local/sbin"])
    if params["lock_timeout"] is not None and params["lock_timeout"] < 0:
        module.fail_json(msg="lock_timeout must not be negative")

    global_options = []
    if params["config_directory"]:
        global_options += ["-c", params["config_directory"]]
    if params["lock_timeout"] is not None:
        global_options += ["--lock-timeout", str(params["lock_timeout"])]

    temporary = None
    if params["manifest_content"] is not None:
        handle, temporary = tempfile.mkstemp(prefix="pmreconcile-", suffix=".yaml",
                                             dir=module.tmpdir)
        with os.fdopen(handle, "w") as manifest_file:
            manifest_file.write(params["manifest_content"])
        manifest = temporary
        manifest_label = "manifest_content"
    else:
        manifest = params["manifest"]
        manifest_label = manifest
    # No locale surprises in the messages passed on.
    environment = {"LC_ALL": "C", "NO_COLOR": "1"}

    try:
        plan_command = [executable] + global_options + ["plan", "--json", "-f", manifest]
        rc, stdout, stderr = module.run_command(plan_command, environ_update=environment)
        if rc != 0:
            module.fail_json(msg=error_text(stderr, stdout, "pmreconcile plan failed"), rc=rc,
                             cmd=plan_command, stdout=stdout, stderr=stderr)
        try:
            plan = json.loads(stdout)
        except ValueError as error:
            module.fail_json(msg="cannot read the plan of pmreconcile plan --json: %s" % error,
                             cmd=plan_command, stdout=stdout, stderr=stderr)
        version = str(plan.get("format_version", ""))
        if version.split(".")[0] != SUPPORTED_FORMAT_MAJOR:
            module.fail_json(msg="pmreconcile plan --json has format_version %s; this module "
                                 "reads %s.x" % (version or "(none)", SUPPORTED_FORMAT_MAJOR))
        for line in stderr.splitlines():
            if line.strip():
                module.warn(line.strip())

        changed = bool(plan.get("changes"))
        refusals = plan.get("refusals", [])
        for refusal in refusals:
            module.warn("pmreconcile refuses %s (%s): %s" % (
                refusal.get("instance"), refusal.get("config_directory"), refusal.get("reason")))
        result = dict(
            changed=changed,
            plan=plan,
            summary=plan.get("summary", {}),
            steps=[step_line(step) for step in plan.get("steps", [])],
            refusals=refusals,
            applied=False,
        )
        if module._diff and changed:
            result["diff"] = make_diff(plan, manifest_label)

        if params["state"] == "applied" and changed and not module.check_mode:
            apply_command = [executable] + global_options + [
                "apply", "-f", manifest, "--auto-approve"]
            rc, stdout, stderr = module.run_command(apply_command, environ_update=environment)
            result.update(applied=True, stdout=stdout, stdout_lines=stdout.splitlines())
            if rc != 0:
                result.update(rc=rc, stderr=stderr, cmd=apply_command)
                module.fail_json(msg=error_text(stderr, stdout, "pmreconcile apply failed"),
                                 **result)
        module.exit_json(**result)
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)


if __name__ == "__main__":
    main()
