# Renaming onto a name taken by another instance, and nameless selection.
pm -e init
pm -I postfix-a -e create
pm -I postfix-b -e create
pm -i a -I postfix-b -e assign
pm -i a -I - -e assign
pm -i b -I - -e assign
pm -l
pm -i /etc/postfix-a -I postfix-b -e assign
pm -l
