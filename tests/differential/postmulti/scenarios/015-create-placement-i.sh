# -i NAME places the new instance before the matched secondary.
pm -e init
pm -I postfix-one -e create
pm -I postfix-two -e create
pm -i two -I postfix-mid -e create
pm -i /etc/postfix-one -I postfix-first -e create
pm -l
