#!/usr/bin/env bash
# After apply, `postfix start` on the primary, through the multi_instance_wrapper that init sets
# (Postfix's own postmulti -p --), starts exactly the enabled instances; `postfix status` checks
# every instance; `postfix stop` stops them all.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"
. "$(dirname "${BASH_SOURCE[0]}")/postfix-start.inc"

step "set the scene"
setup_start_scene
expect_cf /etc/postfix multi_instance_wrapper '${command_directory}/postmulti -p --'
start_stop
