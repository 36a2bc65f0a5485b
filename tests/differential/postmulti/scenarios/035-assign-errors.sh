# assign errors and -I/-G outside create/import/assign.
pm -e init
pm -I postfix-out -e create
pm -I postfix-two -e create
pm -i out -e assign
pm -i out -I postfix-two -e assign
pm -i out -I bad -e assign
pm -i out -I postfix-a -I postfix-b -e assign
pm -i out -G a -G b -e assign
pm -I postfix-x -l
pm -G g -l
pm -G g -x true
pm -G g -p status
pm -i out -I postfix-x -e disable
pm -i out -e assign -G g
pm -l
