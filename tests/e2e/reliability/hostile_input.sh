#!/usr/bin/env bash
# Hostile input, as a table: one row per case, each run against real Postfix in the sandbox, each
# asserting the exact standard error, the exit status (1 for every refusal), an empty standard
# output for refusals, and that no file changed: under /etc/postfix*, /var/spool/postfix*,
# /var/lib/postfix* (path, type, mode, owner, size, mtime, ctime, link target, SHA-256 of every
# config file: a write or chmod of any kind moves a ctime), and no new entry in /, /etc,
# /var/spool, /var/lib or the working directory (where a relative directory would land).
#
# The host: the primary plus postfix-a (group mta) and postfix-b. Rows cover the manifest (bad
# YAML, an alias bomb, 50 MB, unknown keys, wrong types, shell metacharacters in names, NUL
# bytes, bad instance directories), the host's main.cf files (missing, a directory, a symbolic
# link, world-writable, a line without '=', a NUL byte), and the caller (not root, MAIL_CONFIG,
# Postfix not installed), through `plan -f`, `apply -f --auto-approve` and, where it applies,
# the postmulti-compatible mode. All rows run even after a failure; the table is printed at the
# end with PASS or FAIL per row.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

P=$PMRECONCILE
nobody=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
# no_postfix CMD...: CMD with /usr/sbin empty (a tmpfs over it, in a mount namespace of its own).
no_postfix() { unshare -m sh -c 'mount -t tmpfs none /usr/sbin && exec "$@"' sh "$@"; }

manifest base.yaml <<'YAML'
version: 1
instances:
  - name: postfix-a
    group: mta
    parameters: {myhostname: a.example.com}
  - name: postfix-b
YAML
manifest ok.yaml <<'YAML'
version: 1
instances:
  - name: postfix-a
    parameters: {myhostname: changed.example.com}
YAML
setup base.yaml

# trees: the state a refused command must leave exactly as it was.
trees() {
    find /etc/postfix* /var/spool/postfix* /var/lib/postfix* \
        -printf '%p\t%y\t%m\t%U:%G\t%s\t%T@\t%C@\t%l\n' 2>/dev/null | sort
    find /etc/postfix* -type f -print0 2>/dev/null | sort -z | xargs -0r sha256sum
    find / /etc /var/spool /var/lib -mindepth 1 -maxdepth 1 -printf '%p\n' | sort
    find "$E2E_TMP" -mindepth 1 -maxdepth 1 -printf '%p\n' | grep -vE '/(out|err|diff|before|after)$' | sort
}

declare -a table=()
failures=0
# row ID STATUS EXPECTED_STDERR CMD...: runs one case; records PASS or FAIL (with why) in the table.
row() {
    local id=$1 status=$2 expected=$3 why=
    shift 3
    trees >"$E2E_TMP/before"
    run "$@"
    trees >"$E2E_TMP/after"
    [ "$STATUS" = "$status" ] || why="exit status $STATUS, expected $status"
    if [ -z "$expected" ]; then
        [ ! -s "$ERR" ] || why="${why:+$why; }stderr not empty"
    elif ! diff -u <(printf '%s\n' "$expected") "$ERR" >"$E2E_TMP/diff"; then
        why="${why:+$why; }stderr differs"
        cat "$E2E_TMP/diff"
    fi
    if [ "$status" != 0 ] && [ -s "$OUT" ]; then
        why="${why:+$why; }stdout not empty"
        head -n 5 "$OUT"
    fi
    if ! diff -u "$E2E_TMP/before" "$E2E_TMP/after" >"$E2E_TMP/diff"; then
        why="${why:+$why; }files changed"
        head -n 20 "$E2E_TMP/diff"
    fi
    if [ -n "$why" ]; then
        failures=$((failures + 1))
        table+=("$(printf '%-34s FAIL (%s)' "$id" "$why")")
        echo "FAIL: $id: $why"
    else
        table+=("$(printf '%-34s PASS' "$id")")
    fi
}
# rows ID EXPECTED_STDERR MANIFEST: the same refusal from `plan -f` and `apply -f`.
rows() {
    row "$1 (plan)" 1 "$2" "$P" plan -f "$3"
    row "$1 (apply)" 1 "$2" "$P" apply -f "$3" --auto-approve
}

step "the manifest"
printf 'version: 1\ninstances: [\n' >malformed.yaml
rows "malformed YAML" "malformed.yaml:3:1: invalid YAML: end of sequence flow not found" malformed.yaml

{
    echo 'version: 1'
    echo 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'
    prev=a
    for l in b c d e f g h i; do
        echo "$l: &$l [*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev,*$prev]"
        prev=$l
    done
    echo 'instances: []'
} >bomb.yaml
bomb_errors=$(
    echo "bomb.yaml:2:4: YAML anchors are not allowed in a manifest"
    for line in 3 4 5 6 7 8 9 10; do
        echo "bomb.yaml:$line:4: YAML anchors are not allowed in a manifest"
        for column in 8 11 14 17 20 23 26 29 32; do
            echo "bomb.yaml:$line:$column: YAML aliases are not allowed in a manifest"
        done
    done
)
rows "YAML alias bomb" "$bomb_errors" bomb.yaml

{ printf 'version: 1\ninstances:\n'; head -c 52428800 /dev/zero | tr '\0' '#'; echo; } >big.yaml
rows "50 MB manifest" "pmreconcile: error: read big.yaml: file too large (52428823 bytes)" big.yaml
rm -f big.yaml

manifest unknown.yaml <<'YAML'
version: 1
colour: red
instances:
  - name: postfix-a
    enabled: true
YAML
rows "unknown keys" "unknown.yaml:2:1: unknown key 'colour' in the manifest (expected one of: version, primary, unmanaged, instances, endpoints)
unknown.yaml:5:5: unknown key 'enabled' in an instance (expected one of: name, group, enable, config_directory, queue_directory, data_directory, parameters, services, protect, state, running)" unknown.yaml

manifest types.yaml <<'YAML'
version: "one"
instances:
  - name: postfix-a
    enable: maybe
    parameters: [myhostname, a.example.com]
YAML
rows "wrong types" "types.yaml:1:10: unsupported manifest version 'one' (this pmreconcile reads version 1)
types.yaml:4:13: 'enable' must be true or false, not 'maybe'
types.yaml:5:17: 'parameters' must be a mapping of main.cf names to values" types.yaml

manifest meta.yaml <<'YAML'
version: 1
instances:
  - name: "postfix-a;rm -rf /"
  - name: "postfix-$(reboot)"
  - name: "postfix-`reboot`"
YAML
rows "shell metacharacters in names" "meta.yaml:3:11: instance name 'postfix-a;rm -rf /' may only contain letters, digits and !@%-_=+:.
meta.yaml:4:11: instance name 'postfix-\$(reboot)' may only contain letters, digits and !@%-_=+:.
meta.yaml:5:11: instance name 'postfix-\`reboot\`' may only contain letters, digits and !@%-_=+:." meta.yaml
row "metacharacters (postmulti -I)" 1 "postmulti: fatal: Unsafe characters in new instance name: 'postfix-a;rm -rf /'" \
    "$P" postmulti -I 'postfix-a;rm -rf /' -e create
row "metacharacters (postmulti -G)" 1 "postmulti: fatal: Unsafe characters in '-G \$(reboot)'" \
    "$P" postmulti -I postfix-c -G '$(reboot)' -e create

printf 'version: 1\ninstances:\n  - name: postfix-a\n    group: mta\0\n' >nul.yaml
rows "NUL byte in the manifest" "nul.yaml: manifest contains a NUL byte" nul.yaml

step "instance directories"
manifest dir-root.yaml <<'YAML'
version: 1
instances:
  - name: postfix-x
    config_directory: /
YAML
rows "config_directory /" "dir-root.yaml:4:23: postfix-x: config_directory '/' must not be the root directory" dir-root.yaml
row "config_directory / (postmulti)" 1 "postmulti: fatal: Parameter setting 'config_directory' is the root directory" \
    "$P" postmulti -I postfix-x -e create config_directory=/

manifest dir-relative.yaml <<'YAML'
version: 1
instances:
  - name: postfix-x
    queue_directory: var/spool/postfix-x
YAML
rows "relative directory" "dir-relative.yaml:4:22: postfix-x: queue_directory 'var/spool/postfix-x' must be an absolute path" dir-relative.yaml
row "relative directory (postmulti)" 1 "postmulti: fatal: Parameter setting 'queue_directory' is not an absolute path" \
    "$P" postmulti -I postfix-x -e create queue_directory=var/spool/postfix-x

manifest dir-dotdot.yaml <<'YAML'
version: 1
instances:
  - name: postfix-x
    config_directory: /etc/postfix-a/../postfix-x
YAML
rows "directory with .." "dir-dotdot.yaml:4:23: postfix-x: config_directory '/etc/postfix-a/../postfix-x' must not contain '.' or '..'" dir-dotdot.yaml

manifest dir-primary.yaml <<'YAML'
version: 1
instances:
  - name: postfix-x
    data_directory: /var/lib/postfix/x
YAML
rows "inside the primary's" "dir-primary.yaml:4:21: postfix-x's data_directory /var/lib/postfix/x overlaps the primary's data_directory /var/lib/postfix" dir-primary.yaml

manifest dir-listed.yaml <<'YAML'
version: 1
instances:
  - name: postfix-a
  - name: postfix-x
    config_directory: /etc/postfix-a/x
YAML
rows "inside a listed instance's" "dir-listed.yaml:5:23: postfix-x's config_directory /etc/postfix-a/x overlaps postfix-a's config_directory /etc/postfix-a" dir-listed.yaml

manifest dir-host.yaml <<'YAML'
version: 1
instances:
  - name: postfix-x
    queue_directory: /var/spool/postfix-b/deferred/x
YAML
rows "inside an unlisted host instance's" "pmreconcile: error: dir-host.yaml:3:5: postfix-x's queue_directory /var/spool/postfix-b/deferred/x overlaps postfix-b's queue_directory /var/spool/postfix-b on this host" dir-host.yaml

manifest dir-owner.yaml <<'YAML'
version: 1
instances:
  - name: postfix-x
YAML
mkdir -m 0755 /etc/postfix-x && chown nobody:nogroup /etc/postfix-x
rows "config dir not owned by root" "pmreconcile: error: /etc/postfix-x: refusing an instance directory owned by uid $(id -u nobody), not root" dir-owner.yaml
rmdir /etc/postfix-x
mkdir -m 0755 /var/spool/postfix-x && chown nobody:nogroup /var/spool/postfix-x
rows "queue dir not owned by root" "pmreconcile: error: /var/spool/postfix-x: refusing an instance directory owned by uid $(id -u nobody), not root" dir-owner.yaml
rmdir /var/spool/postfix-x
ln -s /tmp /etc/postfix-x
rows "config dir a symbolic link" "pmreconcile: error: /etc/postfix-x: refusing an instance directory that is a symbolic link" dir-owner.yaml
rm /etc/postfix-x

step "the host's main.cf files"
cp -p /etc/postfix-a/main.cf "$E2E_TMP/main.cf.orig"
restore() { rm -rf /etc/postfix-a/main.cf && cp -p "$E2E_TMP/main.cf.orig" /etc/postfix-a/main.cf; }
failed_a="pmreconcile: error: Failed to obtain all required /etc/postfix-a/main.cf parameters"

mv /etc/postfix-a/main.cf "$E2E_TMP/moved"
rows "missing main.cf" "pmreconcile: error: open /etc/postfix-a/main.cf: No such file or directory
$failed_a" ok.yaml
row "missing main.cf (postmulti -l)" 1 "/usr/sbin/postconf: fatal: open /etc/postfix-a/main.cf: No such file or directory
postmulti: fatal: Failed to obtain all required /etc/postfix-a/main.cf parameters" "$P" postmulti -l
mv "$E2E_TMP/moved" /etc/postfix-a/main.cf

mv /etc/postfix-a/main.cf "$E2E_TMP/moved" && mkdir /etc/postfix-a/main.cf
rows "main.cf is a directory" "pmreconcile: error: open /etc/postfix-a/main.cf: not a regular file" ok.yaml
row "main.cf is a directory (postmulti)" 1 "/usr/sbin/postconf: fatal: open /etc/postfix-a/main.cf: not a regular file
postmulti: fatal: Failed to obtain all required /etc/postfix-a/main.cf parameters" "$P" postmulti -l
rmdir /etc/postfix-a/main.cf && mv "$E2E_TMP/moved" /etc/postfix-a/main.cf

mv /etc/postfix-a/main.cf /etc/postfix-a/real.cf && ln -s real.cf /etc/postfix-a/main.cf
rows "main.cf is a symbolic link" "pmreconcile: error: open /etc/postfix-a/main.cf: is a symbolic link, refusing to follow it" ok.yaml
rm /etc/postfix-a/main.cf && mv /etc/postfix-a/real.cf /etc/postfix-a/main.cf

chmod 0666 /etc/postfix-a/main.cf
rows "world-writable main.cf" "pmreconcile: error: /etc/postfix-a/main.cf: refusing a world-writable main.cf" ok.yaml
chmod 0644 /etc/postfix-a/main.cf
chmod 0646 /etc/postfix/main.cf
rows "world-writable primary main.cf" "pmreconcile: error: /etc/postfix/main.cf: refusing a world-writable main.cf" ok.yaml
chmod 0644 /etc/postfix/main.cf

echo 'this line has no equals sign' >>/etc/postfix-a/main.cf
n=$(wc -l </etc/postfix-a/main.cf)
rows "main.cf line without =" "pmreconcile: error: /etc/postfix-a/main.cf:$n: missing '=' after attribute name: \"this line has no equals sign\"
$failed_a" ok.yaml
restore

printf 'smtpd_banner = a\0b\n' >>/etc/postfix-a/main.cf
n=$(wc -l </etc/postfix-a/main.cf)
rows "NUL byte in main.cf" "pmreconcile: error: /etc/postfix-a/main.cf:$n: NUL byte in configuration line
$failed_a" ok.yaml
restore

step "the caller"
row "not root (apply)" 1 "pmreconcile: error: apply must run as root: it changes Postfix's files and directories" \
    "${nobody[@]}" "$P" apply -f ok.yaml --auto-approve
row "not root (postmulti -e)" 1 "postmulti: fatal: open /var/lib/pmreconcile/etc-postfix/lock: Permission denied" \
    "${nobody[@]}" "$P" postmulti -i postfix-a -e disable
# plan needs no root: root's state directory is readable, and no apply left a journal.
row "not root (plan works)" 0 "" \
    "${nobody[@]}" "$P" plan -f ok.yaml
grep -qF 'myhostname: "a.example.com" -> "changed.example.com"' "$OUT" ||
    { table+=("$(printf '%-34s FAIL (%s)' "not root (plan output)" "no plan")")
      failures=$((failures + 1)); }

mail_config="pmreconcile: error: MAIL_CONFIG=/etc/postfix-a names another configuration directory than the primary's (/etc/postfix); unset it, or select the primary with -c DIR"
row "MAIL_CONFIG elsewhere (plan)" 1 "$mail_config" env MAIL_CONFIG=/etc/postfix-a "$P" plan -f ok.yaml
row "MAIL_CONFIG elsewhere (apply)" 1 "$mail_config" env MAIL_CONFIG=/etc/postfix-a "$P" apply -f ok.yaml --auto-approve
row "MAIL_CONFIG elsewhere (postmulti)" 1 "postmulti: fatal: Non-default configuration directory: MAIL_CONFIG=/etc/postfix-a" \
    env MAIL_CONFIG=/etc/postfix-a "$P" postmulti -i postfix-a -e disable

row "Postfix not installed (apply)" 1 "pmreconcile: error: Postfix is not installed (no /usr/sbin/postconf)" \
    no_postfix "$P" apply -f ok.yaml --auto-approve
# plan works offline, with the built-in defaults.
row "Postfix not installed (plan works)" 0 "" no_postfix "$P" plan -f ok.yaml
grep -qF 'myhostname: "a.example.com" -> "changed.example.com"' "$OUT" ||
    { table+=("$(printf '%-34s FAIL (%s)' "Postfix not installed (plan output)" "no plan")")
      failures=$((failures + 1)); }

step "the table"
printf '%s\n' "${table[@]}"
echo "${#table[@]} rows: $((${#table[@]} - failures)) passed, $failures failed"
[ "$failures" = 0 ] || fail "$failures hostile-input rows failed"
