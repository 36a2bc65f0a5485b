#!/usr/bin/env bash
# With `multi_instance_wrapper = $PMRECONCILE postmulti -p --` (pmreconcile as Postfix's
# wrapper, as the README documents), `postfix start` starts exactly the enabled instances,
# `postfix status` checks every instance and `postfix stop` stops them all, as with postmulti.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"
. "$(dirname "${BASH_SOURCE[0]}")/postfix-start.inc"

step "set the scene"
setup_start_scene
must postconf -e "multi_instance_wrapper = $PMRECONCILE postmulti -p --"
start_stop
