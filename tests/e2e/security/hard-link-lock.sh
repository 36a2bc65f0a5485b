#!/usr/bin/env bash
# A run lock that is a hard link to a file of root's must be refused, never chowned to postfix or
# overwritten (#12). Where fs.protected_hardlinks is 0 (the kernel's default; Debian sets 1) the
# postfix user can link any file it can see into a directory of its own, as older versions'
# $data_directory/pmreconcile was; the link is made here as root, at the old place and at the
# new one, so the test does not depend on that setting.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"
. "$(dirname "${BASH_SOURCE[0]}")/common.inc"

security_scene
precious=/var/lib/pmr-precious  # the filesystem of both state directories (a link cannot cross)
printf 'root:secret\n' >"$precious"
chmod 0600 "$precious"
before=$(stat -c '%u:%g %a %s' "$precious")

step "a hard link at the old place is never used"
ln -f "$precious" "$old_state/lock" || fail "cannot link"
pmr postmulti -i postfix-a -e enable
expect_status 0
expect_eq "owner, mode and size of $precious" "$before" "$(stat -c '%u:%g %a %s' "$precious")"
expect_eq "content of $precious" "root:secret" "$(cat "$precious")"

step "a hard link at the new place is refused, and the file left alone"
state=/var/lib/pmreconcile/etc-postfix
rm -f "$state/lock"
ln "$precious" "$state/lock" || fail "cannot link"
pmr postmulti -i postfix-a -e disable
expect_status 1
expect_err "postmulti: fatal: $state/lock: refusing a lock that is not a regular file of ours with one link (owner uid 0, 3 links)"
pmr apply -f a.yaml --auto-approve
expect_status 1
expect_err "pmreconcile: error: $state/lock: refusing a lock that is not a regular file of ours with one link (owner uid 0, 3 links)"
expect_eq "owner, mode and size of $precious" "$before" "$(stat -c '%u:%g %a %s' "$precious")"
expect_eq "content of $precious" "root:secret" "$(cat "$precious")"
expect_cf /etc/postfix-a multi_instance_enable yes
