# create with -I and -G.
pm -e init
pm -I postfix-out -G mta -e create
pm -I postfix-in -G mta -e create
pm -l
pm -g mta -l
