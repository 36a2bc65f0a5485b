#!/usr/bin/env bash
# Issue #12, item 5: the postfix user (mail_owner, whom Postfix assumes can be compromised) plants a
# 19,000-level directory chain in the active queue of a deported instance; root's import of it
# runs set-permissions, whose `chown -R` walk of the queue was recursive and unbounded (510 MB, and
# SIGSEGV with a 2 MB stack in the middle of changing permissions). The walk must refuse the tree,
# with a clear error and exit 1, before anything changes: no crash, bounded memory, no file outside
# the chain changed (beyond what import itself writes before set-permissions), the chain untouched.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

levels=19000
queue=/var/spool/postfix-x

# chain_state DIR: how many `d` levels there are below DIR, and a digest of each one's inode,
# mode, owner, group and ctime (any chown or chmod moves the ctime), walked with descriptors.
chain_state() {
    python3 -c '
import hashlib, os, sys
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECTORY)
digest, count = hashlib.sha256(), 0
while True:
    try:
        sub = os.open("d", os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW, dir_fd=fd)
    except FileNotFoundError:
        break
    s = os.stat(sub)
    digest.update(repr((s.st_ino, s.st_mode, s.st_uid, s.st_gid, s.st_ctime_ns)).encode())
    os.close(fd)
    fd, count = sub, count + 1
print(count, digest.hexdigest())
' "$1"
}

# outside_state: tree_state (lib.sh) without the chain (on its own file system; its paths are up to
# 38,000 bytes long), and without what every import writes before set-permissions: the primary's main.cf (checked
# apart), its directory's times, and pmreconcile's lock file (its holder).
outside_state() {
    local -a skip=(-path /etc/postfix -o -path /etc/postfix/main.cf
                   -o -path /var/lib/pmreconcile/etc-postfix/lock)
    find /etc /var/spool /var/lib -xdev \( "${skip[@]}" \) -prune -o \( -type p -o -type s \) \
        -printf '%p\t%y\t%m\t%U:%G\n' -o -printf '%p\t%y\t%m\t%U:%G\t%s\t%T@\t%C@\t%l\n' | sort
    find /etc /var/spool /var/lib -xdev \( "${skip[@]}" \) -prune -o -type f -print0 | sort -z |
        xargs -0 sha256sum
}

# primary_rest: the primary's main.cf without the two parameters import updates.
primary_rest() {
    grep -vE '^(multi_instance_directories|alternate_config_directories) =' /etc/postfix/main.cf
}

step "an instance, deported"
must postmulti -e init
must "$PMRECONCILE" create postfix-x
must "$PMRECONCILE" deport postfix-x

# The chain lives on a tmpfs mounted over active/ (same owner and mode): on the sandbox's overlayfs,
# removing 19,000 nested directories takes over a minute, here unmounting is instant.
must mount -t tmpfs -o "size=64m,$(stat -c 'mode=%a,uid=%u,gid=%g' "$queue/active")" \
    pmr-deep-tree "$queue/active"

step "the postfix user plants a $levels-level directory chain in the active queue"
must runuser -u postfix -- python3 -c '
import os, sys
fd = os.open(sys.argv[1], os.O_RDONLY | os.O_DIRECTORY)
for _ in range(int(sys.argv[2])):
    os.mkdir("d", 0o755, dir_fd=fd)  # 0755: set-permissions would make it 0700
    sub = os.open("d", os.O_RDONLY | os.O_DIRECTORY, dir_fd=fd)
    os.close(fd)
    fd = sub
' "$queue/active" "$levels"
chain_before=$(chain_state "$queue/active")
expect_eq "levels planted" "$levels" "${chain_before% *}"
outside_state >"$E2E_TMP/before.tree"
primary_rest >"$E2E_TMP/before.main.cf"

step "root imports it, with a 2 MB stack"
run bash -c 'ulimit -s 2048 && exec /usr/bin/time -f "max_rss_kb=%M" -o "$1" "$2" import "$3"' \
    _ "$E2E_TMP/time" "$PMRECONCILE" /etc/postfix-x
cat "$E2E_TMP/time"
[ "$STATUS" -lt 128 ] || { _show_last; fail "import crashed (exit $STATUS)"; }
expect_status 1
deep=$queue/active$(printf '/d%.0s' $(seq 65))
expect_err "pmreconcile: error: $queue/active: refusing a directory tree more than 64 levels deep (at $deep); nothing was changed"
max_rss_kb=$(sed -n 's/^max_rss_kb=//p' "$E2E_TMP/time")
echo "import's maximum resident set: $max_rss_kb kB"
# A release build uses about 6 MB; AddressSanitizer's shadow memory adds some 70 MB (CI runs the
# suite under it). The recursive walk this replaces used 510 MB on the same chain.
[ "$max_rss_kb" -lt 196608 ] || fail "import used $max_rss_kb kB, expected under 192 MB"

step "the chain is untouched, and nothing else changed"
expect_eq "the chain's levels, modes, owners and ctimes" "$chain_before" "$(chain_state "$queue/active")"
outside_state >"$E2E_TMP/after.tree"
diff -u "$E2E_TMP/before.tree" "$E2E_TMP/after.tree" || fail "files changed outside the chain"
# Like postmulti's import, pmreconcile lists the instance before set-permissions (post-install
# must see it listed), so a refused set-permissions leaves it listed, its tree untouched.
diff -u "$E2E_TMP/before.main.cf" <(primary_rest) || fail "the primary's main.cf changed"
expect_cf /etc/postfix multi_instance_directories /etc/postfix-x
expect_cf /etc/postfix alternate_config_directories ""

must umount "$queue/active"
