# Existing-instance actions before init, and the iterator modes, which work
# without init (single-instance mode: the primary counts as enabled).
pm -i postfix-out -e destroy
pm -i postfix-out -e deport
pm -i postfix-out -e enable
pm -i postfix-out -e disable
pm -i postfix-out -I postfix-new -e assign
pm -i - -e enable
pm -i - -G grp -e assign
pm -l
pm -x true
pm -p status
