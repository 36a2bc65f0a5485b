#!/bin/bash
# compare.sh - differential test of the native queue-tree builder: real
# `postfix -c DIR set-permissions` (Postfix's post-install) against
# `pmr_queue_tree_tool build` (src/effects/queue_tree.h), and real
# `postmulti -e destroy` against `pmr_queue_tree_tool remove`.
#
# Usage: compare.sh TOOL [SCENARIO...]
#
#   TOOL       the built pmr_queue_tree_tool
#   SCENARIO   names to run (default: all; see "scenarios" below)
#
# Each scenario runs twice, each time in a fresh pmr-sandbox (private mount
# namespace, copy-on-write overlays on /etc, /var/spool, /var/lib and /usr, so
# the host is never changed): once with real Postfix, once with the tool, from
# the same setup. The resulting trees are listed with tree-snapshot (path, type,
# mode, owner, group, sha256 of files) and must be identical.
#
# Output: "PASS name" or "FAIL name" plus a unified diff (real side first) per
# scenario, then "N passed, M failed". Exit status 0 when nothing failed, 1
# otherwise, 77 (skipped) when not root or Postfix is not installed.
set -u
export LC_ALL=C

self=$(readlink -f -- "$0")
here=${self%/*}
sandbox=$(readlink -f -- "$here/../../sandbox/pmr-sandbox")
snapshot=$(readlink -f -- "$here/../../sandbox/tree-snapshot")
clean_env=(env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C TZ=UTC)

# Shared files set-permissions resets for the primary and for unlisted instances:
# small trees in full, large ones (listed without checksums) one level deep.
shared_dirs=(/etc/postfix /usr/lib/postfix)
shared_flat=(/usr/sbin /usr/bin /usr/share/man/man1 /usr/share/man/man5 /usr/share/man/man8)

# ------------------------------------------------------------ inside a sandbox
if [ "${1-}" = "--inner" ]; then
    side=$2 scenario=$3 tool=$4
    set -e

    # make_instance NAME [QUEUE DATA [unlisted]]: a secondary's config directory as
    # postmulti-script leaves it just before set-permissions (config copied,
    # queue directory made with umask 022, listed in multi_instance_directories).
    make_instance() {
        local name=$1 q=${2:-/var/spool/$1} d=${3:-/var/lib/$1} listed=${4:-listed}
        mkdir -p "/etc/$name"
        cp -p /etc/postfix/main.cf /etc/postfix/master.cf "/etc/$name/"
        postconf -c "/etc/$name" -e "queue_directory = $q" "data_directory = $d"
        (umask 022; mkdir -p "$q")
        if [ "$listed" = listed ]; then
            local list
            list=$(postconf -h multi_instance_directories)
            postconf -e "multi_instance_directories = ${list:+$list }/etc/$name"
        fi
    }

    # set_permissions CONFIG_DIRECTORY: the side under test.
    set_permissions() {
        local cfg=$1
        if [ "$side" = real ]; then
            postfix -c "$cfg" set-permissions
            return
        fi
        # What postfix(1) exports to post-install: the expanded values.
        local -a names=(config_directory command_directory daemon_directory data_directory
                        html_directory mail_owner mailq_path manpage_directory newaliases_path
                        queue_directory readme_directory sample_directory sendmail_path
                        setgid_group shlib_directory meta_directory)
        local -a values=() params=()
        local i
        mapfile -t values < <(postconf -c "$cfg" -xh "${names[@]}")
        for i in "${!names[@]}"; do params+=("${names[$i]}=${values[$i]}"); done
        local def
        def=$(postconf -dh config_directory)
        "$tool" build --default-config-directory "$def" \
            --multi-instance-directories "$(postconf -c "$def" -h multi_instance_directories)" \
            "${params[@]}" >/dev/null
    }

    dirs=(/etc/postfix-x /var/spool/postfix-x /var/lib/postfix-x)
    flat=()
    case $scenario in
    fresh-secondary)
        # What `postmulti -e create` hands to set-permissions.
        make_instance postfix-x
        (umask 077; mkdir -p /var/lib/postfix-x)
        set_permissions /etc/postfix-x
        ;;
    missing-data-directory)
        make_instance postfix-x
        set_permissions /etc/postfix-x
        ;;
    second-run)
        make_instance postfix-x
        set_permissions /etc/postfix-x
        set_permissions /etc/postfix-x
        ;;
    repair)
        # An instance made by real postmulti, then damaged.
        postmulti -e init
        postmulti -I postfix-x -e create
        chmod 1777 /var/spool/postfix-x/maildrop
        chown root:root /var/spool/postfix-x/public
        chmod 0755 /var/spool/postfix-x/public
        rmdir /var/spool/postfix-x/hold /var/lib/postfix-x
        chown postfix /var/spool/postfix-x/pid
        chmod 0600 /etc/postfix-x/main.cf
        set_permissions /etc/postfix-x
        ;;
    existing-contents)
        # `r` records chown everything below and chmod only the directories.
        make_instance postfix-x
        q=/var/spool/postfix-x
        mkdir -p $q/deferred/A/B $q/active $q/private $q/maildrop $q/saved
        chmod 0755 $q/deferred/A $q/deferred/A/B
        echo message >$q/deferred/A/B/ABCDEF; chmod 0700 $q/deferred/A/B/ABCDEF
        echo message >$q/active/ABC; chmod 0600 $q/active/ABC
        echo tool >$q/saved/setuid; chmod 4755 $q/saved/setuid
        echo tool >$q/saved/setgid; chmod 2750 $q/saved/setgid
        echo tool >$q/saved/setgid-x; chmod 2770 $q/saved/setgid-x
        ln -s /etc/postfix/main.cf $q/active/link
        mkfifo $q/private/fifo
        echo keep >$q/private/keep
        echo drop >$q/maildrop/XYZ; chmod 0644 $q/maildrop/XYZ
        chmod 2777 $q/maildrop
        set_permissions /etc/postfix-x
        dirs+=(/etc/postfix/main.cf)
        ;;
    deep-contents)
        # As deep a tree as the native walk goes (tree_walk.h: 64 levels below the queue
        # subdirectory), made by root with the wrong modes: every level is repaired alike.
        make_instance postfix-x
        q=/var/spool/postfix-x
        deep=$q/deferred$(printf '/%s' $(seq 64))
        (umask 022; mkdir -p "$deep" $q/deferred/1/x)
        echo message >"$deep/ABCDEF"; chmod 4755 "$deep/ABCDEF"
        set_permissions /etc/postfix-x
        ;;
    setgid-parent)
        # A set-group-ID parent: new directories inherit the bit and the group, and
        # chmod with a 3-digit mode keeps it on directories.
        mkdir -p /var/spool/pmr-sgid /var/lib/pmr-sgid
        chgrp postdrop /var/spool/pmr-sgid /var/lib/pmr-sgid
        chmod 2775 /var/spool/pmr-sgid /var/lib/pmr-sgid
        make_instance postfix-x /var/spool/pmr-sgid/postfix-x /var/lib/pmr-sgid/postfix-x
        set_permissions /etc/postfix-x
        dirs=(/etc/postfix-x /var/spool/pmr-sgid /var/lib/pmr-sgid)
        ;;
    drop-ins)
        # postfix-files.d/*, sorted, at any depth; c, r, o and 1 flags; a name that
        # expands to "no"; a link record.
        mkdir -p /etc/postfix/postfix-files.d/sub
        cat >/etc/postfix/postfix-files.d/20-extra <<'EOT'
$queue_directory/extra:d:$mail_owner:$setgid_group:2750:uc
$queue_directory/extra/inner:d:root:-:00711:c
$data_directory/cache:d:$mail_owner:-:700:ucr
$config_directory/optional.cf:f:root:-:640:1
$config_directory/absent.cf:f:root:-:640:1
$config_directory/old.cf:f:root:-:600:o
$readme_directory/README:f:root:-:644
$config_directory/link.cf:l:$config_directory/main.cf
EOT
        cat >/etc/postfix/postfix-files.d/sub/10-more <<'EOT'
$queue_directory/more:d:root:postdrop:0751:c
EOT
        make_instance postfix-x
        echo x >/etc/postfix-x/optional.cf
        echo x >/etc/postfix-x/old.cf
        mkdir -p /var/lib/postfix-x/cache/sub
        echo x >/var/lib/postfix-x/cache/sub/file
        set_permissions /etc/postfix-x
        ;;
    unlisted-secondary)
        # Not in multi_instance_directories: post-install resets the shared files too.
        make_instance postfix-x /var/spool/postfix-x /var/lib/postfix-x unlisted
        chmod 0700 /usr/sbin/postqueue
        chown postfix /usr/lib/postfix/sbin/qmgr
        set_permissions /etc/postfix-x
        dirs+=("${shared_dirs[@]}")
        flat=("${shared_flat[@]}")
        ;;
    primary)
        # Debian's primary: maildrop 1730 and public 2710 from the package.
        chmod 0700 /usr/sbin/postdrop
        chmod 0777 /var/spool/postfix/incoming
        set_permissions /etc/postfix
        dirs=(/var/spool/postfix /var/lib/postfix "${shared_dirs[@]}")
        flat=("${shared_flat[@]}")
        ;;
    destroy)
        # postmulti -e destroy's rmdir sequence, with a queued message and a data file.
        postmulti -e init
        postmulti -I postfix-x -e create
        echo message >/var/spool/postfix-x/deferred/ABCDEF
        echo cache >/var/lib/postfix-x/verify_cache.lmdb
        ln -s /etc /var/spool/postfix-x/hold-link
        rmdir /var/spool/postfix-x/hold && ln -s /etc/postfix /var/spool/postfix-x/hold
        if [ "$side" = real ]; then
            postmulti -i postfix-x -e destroy >/dev/null 2>&1 || true
        else
            "$tool" remove /var/spool/postfix-x /var/lib/postfix-x >/dev/null
        fi
        # (Only the trees: real destroy also edits the primary and removes the config.)
        dirs=(/var/spool/postfix-x /var/lib/postfix-x)
        ;;
    *)
        echo "unknown scenario $scenario" >&2
        exit 2
        ;;
    esac
    set +e
    # postconf -e appends new names in hash-table order, which differs from run to run:
    # main.cf is compared by its sorted lines.
    "$snapshot" "${dirs[@]}" | while IFS= read -r line; do
        case $line in
        "== "*) top=${line#== }; top=${top% (absent)};;
        "main.cf f "*|". f "*)
            file=$top/${line%% *}; [ "${line%% *}" = . ] && file=$top
            case $file in */main.cf)
                line="${line% sha256=*} sorted-sha256=$(sort "$file" | sha256sum | cut -c1-64)";;
            esac;;
        esac
        printf '%s\n' "$line"
    done
    [ ${#flat[@]} -eq 0 ] || find "${flat[@]}" -maxdepth 1 -printf '%p %y %m %u %g\n' | sort
    exit 0
fi

# ------------------------------------------------------------ outer part
scenarios=(fresh-secondary missing-data-directory second-run repair existing-contents
           deep-contents setgid-parent drop-ins unlisted-secondary primary destroy)

if [ "$(id -u)" != 0 ]; then
    echo "compare.sh: SKIP: needs root" >&2
    exit 77
fi
for command in postfix postconf postmulti; do
    if ! command -v "$command" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$command" ]; then
        echo "compare.sh: SKIP: Postfix is not installed ($command missing)" >&2
        exit 77
    fi
done
[ $# -ge 1 ] || { echo "usage: compare.sh TOOL [SCENARIO...]" >&2; exit 2; }
tool=$(readlink -f -- "$1"); shift
[ -x "$tool" ] || { echo "compare.sh: $tool is not executable" >&2; exit 2; }
[ $# -gt 0 ] && scenarios=("$@")

work=$(mktemp -d "${TMPDIR:-/tmp}/pmr-queue-tree-compare.XXXXXX") || exit 1
passed=0 failed=0
for scenario in "${scenarios[@]}"; do
    # The two sides run at the same time, each in its own sandbox.
    for side in real native; do
        {
            "${clean_env[@]}" "$sandbox" --overlay /usr -- \
                "$self" --inner "$side" "$scenario" "$tool" >"$work/$scenario.$side" \
                2>"$work/$scenario.$side.err"
            echo "exit $?" >>"$work/$scenario.$side"
        } &
    done
    wait
    if diff -u --label "real $scenario" --label "native $scenario" \
            "$work/$scenario.real" "$work/$scenario.native" >"$work/$scenario.diff"; then
        echo "PASS $scenario"
        passed=$((passed + 1))
    else
        echo "FAIL $scenario"
        cat "$work/$scenario.diff"
        for side in real native; do
            if [ -s "$work/$scenario.$side.err" ]; then
                echo "--- $side stderr:"
                cat "$work/$scenario.$side.err"
            fi
        done
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
if [ "$failed" -eq 0 ]; then
    rm -rf -- "$work"
    exit 0
fi
echo "compare.sh: kept $work" >&2
exit 1
