# destroy refuses an enabled instance; deport too.
pm -e init
pm -I postfix-out -e create
pm -i out -e enable
pm -i out -e destroy
pm -i out -e deport
pm -l
