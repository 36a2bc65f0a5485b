#!/usr/bin/env bash
# Usage errors exit 1, as README and pmreconcile(8) promise (0, 1 or 2 only; CLI11's own codes
# 106-114 never escape), with a `pmreconcile: error: ` line and where to look: for every
# subcommand `pmreconcile --help` lists, a bad option and a missing required argument. Global
# options work after the subcommand too; --help and --version exit 0.
. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
e2e_begin "$@"

manifest m.yaml <<'YAML'
version: 1
instances:
  - name: postfix-in
YAML
manifest p.json <<'JSON'
{}
JSON

# usage_error SUBCOMMAND ARGS...: exits 1 with `pmreconcile: error: ` and a hint naming the
# subcommand's help.
usage_error() {
    local sub=$1
    shift
    pmr "$@"
    expect_status 1 "exit status of 'pmreconcile $*'"
    expect_out_empty
    grep -q '^pmreconcile: error: ' "$ERR" || { _show_last; fail "no 'pmreconcile: error: ' line"; }
    expect_err_has "Try 'pmreconcile ${sub:+$sub }--help' for more information."
}

step "every subcommand --help lists"
pmr --help
expect_status 0
subcommands=$(awk '/^Subcommands:/ {on = 1; next} on && /^  [a-z]/ {print $1}' "$OUT")
expect_eq "subcommands listed" \
    "validate plan apply check export graph list init create import destroy deport enable disable assign exec postfix postmulti" \
    "$(echo $subcommands)"

# What each subcommand cannot do without (nothing for the ones whose arguments are optional).
declare -A missing=(
    [validate]="validate" [plan]="plan" [check]="check" [apply]="apply"
    [create]="create" [import]="import" [destroy]="destroy" [deport]="deport"
    [enable]="enable" [disable]="disable" [assign]="assign" [exec]="exec" [postfix]="postfix"
    [export]="" [graph]="" [list]="" [init]="" [postmulti]=""
)
for sub in $subcommands; do
    [ "${missing[$sub]+set}" = set ] || fail "the table lacks the subcommand '$sub'"
    if [ "$sub" = postmulti ]; then
        step "postmulti: its own errors, exit 1"
        pmr postmulti --bogus
        expect_status 1
        continue
    fi
    step "$sub: a bad option"
    usage_error "$sub" "$sub" --bogus-option
    expect_err_has "pmreconcile: error: unknown option --bogus-option"
    pmr "$sub" --help
    expect_status 0
    if [ -n "${missing[$sub]}" ]; then
        step "$sub: a missing required argument"
        usage_error "$sub" ${missing[$sub]}
    fi
done

step "the cases of issue #14"
usage_error plan plan
expect_err_has "pmreconcile: error: --file is required"
usage_error apply apply -f m.yaml p.json
expect_err_has "pmreconcile: error: give either -f MANIFEST or a saved PLANFILE, not both"
usage_error validate validate --bogus -f m.yaml
usage_error validate validate -f
usage_error "" bogus
expect_err_has "pmreconcile: error: unknown subcommand 'bogus'"
expect_err_has "Try 'pmreconcile --help'"
usage_error "" plna -f m.yaml
expect_err_has "pmreconcile: error: unknown subcommand 'plna'; did you mean 'plan'?"
usage_error apply apply m.yaml
expect_err_has "m.yaml is not a saved plan: a manifest is given with -f (pmreconcile apply -f m.yaml)"
cp m.yaml manifest.txt
usage_error apply apply manifest.txt
expect_err_has "manifest.txt is not a saved plan: a manifest is given with -f"
usage_error list --lock-timeout -5 list
expect_err_has "pmreconcile: error: --lock-timeout: a whole number of seconds, 0 or more, is expected, not '-5'"
usage_error list list --lock-timeout soon
expect_err_has "pmreconcile: error: --lock-timeout: a whole number of seconds, 0 or more, is expected, not 'soon'"

step "--help, --version and no subcommand exit 0"
pmr --version
expect_status 0
pmr
expect_status 0
expect_out_has "Subcommands:"

step "global options before or after the subcommand"
for args in "-v validate -f m.yaml" "validate -f m.yaml -v" "validate -vv -f m.yaml" \
            "validate -f m.yaml -q" "validate -f m.yaml --no-color" \
            "validate -f m.yaml -c /etc/postfix" "validate -f m.yaml --lock-timeout 3" \
            "-q --lock-timeout 3 -c /etc/postfix validate -f m.yaml --no-color"; do
    pmr $args
    expect_status 0 "exit status of 'pmreconcile $args'"
    expect_out "m.yaml: valid (1 instance)"
done
pmr list -q --json
expect_status 0
expect_out_has '"enable":'
pmr -v postmulti -l
expect_status 0
# exec and postfix: what follows is the command's, never a global option.
usage_error exec exec postconf -c /etc/postfix-nowhere
expect_err_has "pmreconcile: error: unknown option -c"
pmr -q exec -- postconf -h -c /etc/postfix mail_version
expect_status 0

step "postmulti's flags in the readable subcommands name what they are here"
usage_error create create postfix-habit -G mta
expect_err_line "pmreconcile: error: unknown option -G; postmulti's -G GROUP is --group GROUP here"
usage_error create create -I postfix-habit
expect_err_line "pmreconcile: error: unknown option -I; postmulti's -I NAME is the NAME argument here"
usage_error create create postfix-habit -e create
expect_err_line "pmreconcile: error: unknown option -e; postmulti's own command line is 'pmreconcile postmulti -e ...'"

step "destroying an enabled instance says to disable it first; postmulti mode keeps postmulti's words"
must "$PMRECONCILE" init
must "$PMRECONCILE" create postfix-habit --group mta
must "$PMRECONCILE" enable postfix-habit
pmr destroy postfix-habit
expect_status 1
expect_err_line "pmreconcile: error: Cannot remove enabled instances; run 'pmreconcile disable postfix-habit' first"
pmr postmulti -i postfix-habit -e destroy
expect_status 1
expect_err_line "postmulti: fatal: Cannot remove enabled instances"
must "$PMRECONCILE" disable postfix-habit
must "$PMRECONCILE" destroy postfix-habit
