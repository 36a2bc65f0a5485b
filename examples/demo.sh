#!/usr/bin/env bash
# The demo: installs what is missing, builds, then runs pmreconcile's main job on a sandboxed,
# copy-on-write copy of this host's Postfix (a private mount namespace; the host's /etc/postfix,
# /var/spool/postfix and /var/lib/postfix are never changed): validate, plan, apply, check and
# export (and the mail-flow graph) of examples/content-filter.yaml (Postfix's content-filter walk-through: a null-client
# primary, postfix-out re-injecting on 127.0.0.1:10026, postfix-in handing mail to a filter on
# 127.0.0.1:10025), or of the manifest given as the first argument. Run as root.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$top/tests/tools/setup.sh" --target pmreconcile
pmreconcile=$top/build/src/cli/pmreconcile
manifest=${1:-$top/examples/content-filter.yaml}

# --net: the instances the manifest starts listen in a private network namespace (its own
# loopback), never beside the host's own Postfix.
exec "$top/tests/sandbox/pmr-sandbox" --net -- bash -euo pipefail -c '
pmreconcile=$1 manifest=$2
step() { printf "\n\033[1m\$ %s\033[0m\n" "$*"; }
step pmreconcile validate -f "$manifest";            "$pmreconcile" validate -f "$manifest"
step pmreconcile plan -f "$manifest";                "$pmreconcile" plan -f "$manifest"
step pmreconcile apply -f "$manifest" --auto-approve; "$pmreconcile" apply -f "$manifest" --auto-approve
step pmreconcile check -f "$manifest";               "$pmreconcile" check -f "$manifest"
step pmreconcile list;                               "$pmreconcile" list
step postmulti -l "(Postfix'"'"'s own view)";            postmulti -l
step pmreconcile export --with-services;             "$pmreconcile" export --with-services
step pmreconcile plan -f "$manifest" --detailed-exitcode
"$pmreconcile" plan -f "$manifest" --detailed-exitcode
step pmreconcile graph -f "$manifest";               "$pmreconcile" graph -f "$manifest"
step pmreconcile postfix -- stop "(the instances apply started)"
"$pmreconcile" postfix -- stop
echo; echo "demo: done; the sandbox and every change in it are gone now."
' demo "$pmreconcile" "$manifest"
