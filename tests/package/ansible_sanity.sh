#!/usr/bin/env bash
# `ansible-test sanity` on the Ansible collection contrib/ansible (pmreconcile.postfix), offline:
# the collection is copied to ansible_collections/pmreconcile/postfix in a scratch directory, where
# ansible-test wants it, and every sanity test of Debian 12's ansible-core (2.14) runs there with
# --local --python 3.11, none skipped. 25 of them need nothing; the 7 that pip-install their
# requirements from PyPI into virtual environments (ansible-doc, import, pep8, pylint,
# runtime-metadata, validate-modules, yamllint) use Debian's packages of those requirements
# instead (tests/package/ansible_test_offline.py). contrib/ansible/tests/sanity/ignore-2.14.txt
# holds the one accepted finding: no GPLv3 header, as no license has been chosen yet.
dir=$(dirname "${BASH_SOURCE[0]}")
. "$dir/lib.sh"
need_tools ansible-test=ansible-core pylint=pylint pycodestyle=pycodestyle yamllint=yamllint
if ! /usr/bin/python3 -c 'import voluptuous' 2>/dev/null; then
    [ "$(id -u)" = 0 ] && apt_install python3-voluptuous
    /usr/bin/python3 -c 'import voluptuous' 2>/dev/null || skip "python3-voluptuous cannot be installed"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/pmr-ansible-sanity.XXXXXX") || exit 1
trap 'rm -rf --one-file-system -- "$tmp"' EXIT
# ansible-test keeps its virtual environments under ~/.ansible/test.
export HOME=$tmp/home LC_ALL=C.UTF-8 ANSIBLE_NOCOLOR=1
mkdir -p "$HOME" "$tmp/ansible_collections/pmreconcile"
cp -r "$PKG_TOP/contrib/ansible" "$tmp/ansible_collections/pmreconcile/postfix"
cd "$tmp/ansible_collections/pmreconcile/postfix" || exit 1

step "the sanity tests"
tests=$(ansible-test sanity --list-tests 2>/dev/null) || fail "ansible-test sanity --list-tests failed"
echo $tests
[ "$(printf '%s\n' "$tests" | grep -c .)" -ge 30 ] || fail "fewer sanity tests than expected: $tests"

step "ansible-test sanity --local --python 3.11 (every test)"
/usr/bin/python3 "$PKG_TOP/tests/package/ansible_test_offline.py" sanity --local --python 3.11 \
    --color no >"$tmp/sanity.log" 2>&1
rc=$?
cat "$tmp/sanity.log"
[ "$rc" = 0 ] || fail "ansible-test sanity: exit $rc"
! grep -qi 'skipping sanity test' "$tmp/sanity.log" || fail "a sanity test was skipped"
for test in $tests; do
    grep -qE "^Running sanity test \"$test\"" "$tmp/sanity.log" || fail "the sanity test $test did not run"
done

echo
echo PASS
