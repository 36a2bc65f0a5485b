# collect.sh - run inside a pmr-sandbox after a scenario: print the final
# state of the given directories.
# Usage: bash collect.sh DIR...
#
# For every DIR holding a main.cf: its bytes and "postconf -c DIR -n" (stdout
# and stderr, plus exit status). Then tree-snapshot of every DIR.
set -u
export LC_ALL=C
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
tools=$(cd "$here/../../../sandbox" && pwd)

for d in "$@"; do
    [ -f "$d/main.cf" ] || continue
    echo "### $d/main.cf"
    cat -- "$d/main.cf"
    if [ -s "$d/main.cf" ] && [ -n "$(tail -c 1 -- "$d/main.cf")" ]; then
        echo
        echo '\ No newline at end of main.cf'
    fi
    echo "### postconf -c $d -n"
    postconf -c "$d" -n 2>&1
    echo "(exit $?)"
done
echo "### tree-snapshot"
"$tools/tree-snapshot" "$@"
