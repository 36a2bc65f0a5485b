# -a places the new instance at the front of the list.
pm -e init
pm -I postfix-one -e create
pm -I postfix-two -e create
pm -a -I postfix-front -e create
pm -l
postconf -h multi_instance_directories
