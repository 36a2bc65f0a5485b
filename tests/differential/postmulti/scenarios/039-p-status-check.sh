# -p status and -p check on instances that are not running.
pm -e init
pm -I postfix-a -e create
pm -I postfix-b -e create
pm -i a -e enable
pm -p status
pm -p check
pm -i b -p status
pm -p flush
pm -p reload
pm -p stop
