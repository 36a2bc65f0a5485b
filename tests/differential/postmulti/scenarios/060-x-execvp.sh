# -x runs its command as execvp(3) does in postmulti's child, through the
# child's PATH ("$command_directory:" in front, ROOT_PATH when PATH is empty
# or unset): argv[0] stays as given, an executable file without "#!" runs
# through /bin/sh, an empty PATH element is the current directory, a
# non-executable match is "Permission denied", an empty name is not found.
pm -e init
pm -I postfix-a -e create
mkdir -p "$SCRATCH/bin"
printf 'echo "nosb: $0 $# $*"\n' >"$SCRATCH/bin/nosb"
printf '#!/bin/sh\necho "withsb: $0 $# $*"\n' >"$SCRATCH/bin/withsb"
printf 'echo never\n' >"$SCRATCH/bin/noexec"
chmod 755 "$SCRATCH/bin/nosb" "$SCRATCH/bin/withsb"
chmod 644 "$SCRATCH/bin/noexec"
pm -x env status
pm_notty -x env status
pm -x "$SCRATCH/bin/nosb" a 'b c'
PATH="$SCRATCH/bin:/usr/bin:/bin" pm_notty -x nosb a 'b c'
cd "$SCRATCH/bin"
PATH= pm -x withsb 1
PATH= pm_notty -x withsb 2
PATH=:/nonexistent pm -i a -x withsb 3
unset PATH
pm -i a -x withsb 4
pm_notty -i a -x withsb 5
PATH=/usr/sbin:/usr/bin:/sbin:/bin
cd /
PATH="$SCRATCH/bin:/usr/bin:/bin" pm -x noexec
PATH="$SCRATCH/bin:/usr/bin:/bin" pm_notty -x noexec
pm -x ''
pm_notty -x ''
pm -i a -x "$SCRATCH/bin"
