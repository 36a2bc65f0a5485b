#!/usr/bin/python
# -*- coding: utf-8 -*-
# Copyright: 2026 pmreconcile maintainers (see COPYRIGHT at the collection's root)
# Ansible module for pmreconcile(8): make a host's Postfix instances match a manifest.

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
---
module: pmreconcile
short_description: Make the Postfix instances of a host match a pmreconcile manifest
version_added: 0.1.0
description:
  - Runs C(pmreconcile plan --json) against the manifest and reports C(changed) from the plan's
    steps.
  - With I(state=applied) and changes pending, runs
    C(pmreconcile apply -f MANIFEST --auto-approve) (not in check mode).
  - Check mode only plans; it never applies and never writes on the host.
  - With I(state=applied), a plan that pmreconcile refuses in part (a destroy of an instance whose
    queue holds mail) fails the task with pmreconcile's reason, in check mode too. A failed apply
    reports C(changed) only when a step ran.
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
      - Not logged (a manifest's parameters may hold secrets).
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
  return_manifest:
    description:
      - Keep the manifest's text in the returned plan (C(plan.origin.manifest)).
      - Off by default, so that C(-v) output and registered results do not show it, as a
        manifest's parameters may hold secrets.
    type: bool
    default: false
requirements:
  - pmreconcile on the target (the Debian package installs C(/usr/sbin/pmreconcile))
notes:
  - "Runs as root on the target (C(become: true)): apply changes Postfix's files."
attributes:
  check_mode:
    support: full
    description: Plans only; never applies.
  diff_mode:
    support: full
    description: The before and after value of every parameter the plan changes.
author:
  - pmreconcile maintainers (@pmreconcile)
"""

EXAMPLES = r"""
- name: Postfix instances as in the manifest
  pmreconcile.postfix.pmreconcile:
    manifest: /etc/pmreconcile/instances.yaml
    lock_timeout: 60

- name: Manifest from a template, planned only
  pmreconcile.postfix.pmreconcile:
    manifest_content: "{{ lookup('ansible.builtin.template', 'instances.yaml.j2') }}"
    state: planned
  register: plan

- name: Show what applying would do
  ansible.builtin.debug:
    var: plan.plan.summary
"""

RETURN = r"""
plan:
  description:
    - The plan as C(pmreconcile plan --json) prints it (format_version 1.x), made before anything
      was applied.
    - Without I(return_manifest), C(origin.manifest) (the manifest's text) is left out.
  returned: when the plan was made
  type: dict
summary:
  description: Counts of the plan's steps, each kind apart (create, import, change, deport,
    destroy, start, stop, restart, refused; start, stop and restart since plan format 1.4).
  returned: when the plan was made
  type: dict
  sample: {"create": 2, "import": 0, "change": 4, "deport": 0, "destroy": 0, "start": 0,
           "stop": 0, "restart": 0, "refused": 0}
steps:
  description: One line per step, as the text plan shows them.
  returned: when the plan was made
  type: list
  elements: str
  sample: ["+ create postfix-out (/etc/postfix-out)"]
refusals:
  description: Steps pmreconcile refuses, with the reason (a destroy while the queue holds mail).
  returned: when the plan was made
  type: list
  elements: dict
applied:
  description: Whether C(pmreconcile apply) ran.
  returned: when the plan was made
  type: bool
stdout:
  description: The output of C(pmreconcile apply), when it ran.
  returned: when applied
  type: str
"""

import json
import os
import re
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


def refusal_text(refusal):
    return "refused to destroy %s (%s): %s" % (
        refusal.get("instance"), refusal.get("config_directory"), refusal.get("reason"))


def steps_ran(apply_stdout):
    """Whether pmreconcile apply began a step: it prints [N/TOTAL] before each."""
    return re.search(r"^\[\d+/\d+\] ", apply_stdout or "", re.MULTILINE) is not None


def without_manifest(plan):
    """The plan without the manifest's text, which may hold secrets."""
    origin = plan.get("origin")
    if isinstance(origin, dict) and "manifest" in origin:
        plan = dict(plan, origin=dict((k, v) for k, v in origin.items() if k != "manifest"))
    return plan


def error_text(stderr, stdout, what):
    """pmreconcile's own message: its stderr, else its stdout, else a generic text."""
    text = (stderr or "").strip() or (stdout or "").strip()
    return text or what


def make_plan(module, command, environment):
    """The plan JSON of pmreconcile plan --json; fails the task with pmreconcile's message."""
    rc, stdout, stderr = module.run_command(command, environ_update=environment)
    if rc != 0:
        module.fail_json(msg=error_text(stderr, stdout, "pmreconcile plan failed"), rc=rc,
                         cmd=command, stdout=stdout, stderr=stderr)
    try:
        plan = json.loads(stdout)
    except ValueError as error:
        # Not the output itself: a plan holds the manifest's text.
        module.fail_json(msg="cannot read the plan of pmreconcile plan --json: %s" % error,
                         cmd=command, stderr=stderr)
    version = str(plan.get("format_version", ""))
    if version.split(".", maxsplit=1)[0] != SUPPORTED_FORMAT_MAJOR:
        module.fail_json(msg="pmreconcile plan --json has format_version %s; this module "
                             "reads %s.x" % (version or "(none)", SUPPORTED_FORMAT_MAJOR))
    for line in stderr.splitlines():
        if line.strip():
            module.warn(line.strip())
    return plan


def apply_plan(module, command, environment, result):
    """Runs pmreconcile apply; on failure, changed only when a step ran."""
    rc, stdout, stderr = module.run_command(command, environ_update=environment)
    result.update(applied=True, stdout=stdout, stdout_lines=stdout.splitlines())
    if rc != 0:
        result.update(changed=steps_ran(stdout), rc=rc, stderr=stderr, cmd=command)
        module.fail_json(msg=error_text(stderr, stdout, "pmreconcile apply failed"), **result)


def write_temporary_manifest(module, text):
    handle, path = tempfile.mkstemp(prefix="pmreconcile-", suffix=".yaml", dir=module.tmpdir)
    with os.fdopen(handle, "w") as manifest_file:
        manifest_file.write(text)
    return path


def main():
    module = AnsibleModule(
        argument_spec=dict(
            manifest=dict(type="path"),
            manifest_content=dict(type="str", no_log=True),
            state=dict(type="str", choices=["planned", "applied"], default="applied"),
            config_directory=dict(type="path"),
            lock_timeout=dict(type="int"),
            executable=dict(type="path"),
            return_manifest=dict(type="bool", default=False),
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
        temporary = manifest = write_temporary_manifest(module, params["manifest_content"])
        manifest_label = "manifest_content"
    else:
        manifest = manifest_label = params["manifest"]
    # No locale surprises in the messages passed on.
    environment = {"LC_ALL": "C", "NO_COLOR": "1"}

    try:
        plan = make_plan(module, [executable] + global_options + ["plan", "--json", "-f", manifest],
                         environment)
        changed = bool(plan.get("steps"))
        refusals = plan.get("refusals", [])
        result = dict(
            changed=changed,
            plan=plan if params["return_manifest"] else without_manifest(plan),
            summary=plan.get("summary", {}),
            steps=[step_line(step) for step in plan.get("steps", [])],
            refusals=refusals,
            applied=False,
        )
        if module._diff and (changed or refusals):
            result["diff"] = make_diff(plan, manifest_label)

        applying = params["state"] == "applied"
        if applying and refusals and module.check_mode:
            # What apply would do: refuse, and fail. Nothing ran, so nothing changed.
            result["changed"] = False
            module.fail_json(msg="pmreconcile apply would fail: " + "; ".join(
                refusal_text(refusal) for refusal in refusals), **result)
        if not applying:
            for refusal in refusals:
                module.warn("pmreconcile " + refusal_text(refusal))
        if applying and plan.get("changes") and not module.check_mode:
            apply_plan(module, [executable] + global_options + [
                "apply", "-f", manifest, "--auto-approve"], environment, result)
        module.exit_json(**result)
    finally:
        if temporary is not None and os.path.exists(temporary):
            os.unlink(temporary)


if __name__ == "__main__":
    main()
