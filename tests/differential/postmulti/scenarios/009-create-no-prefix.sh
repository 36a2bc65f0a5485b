# A new instance name must start with "postfix-".
pm -e init
pm -I out -e create
pm -I postfix -e create
pm -I Postfix-out -e create
pm -l
