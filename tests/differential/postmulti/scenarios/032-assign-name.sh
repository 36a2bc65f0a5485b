# assign -I renames; the old name no longer matches.
pm -e init
pm -I postfix-out -e create
pm -i out -I postfix-new -e assign
pm -l
pm -i out -l
pm -i new -I - -e assign
pm -l
pm -i /etc/postfix-out -I postfix-back -e assign
pm -l
