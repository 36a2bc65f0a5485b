# assign with the current name/group: nothing is written.
pm -e init
pm -I postfix-out -G g -e create
pm -i out -I postfix-out -e assign
pm -i out -G g -e assign
pm -i out -I postfix-out -G g -e assign
pm -i - -G - -e assign
pm -l
