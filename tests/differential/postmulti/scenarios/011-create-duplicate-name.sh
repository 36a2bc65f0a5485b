# The same name twice: refused (claims), also with explicit other dirs.
pm -e init
pm -I postfix-out -e create
pm -I postfix-out -e create
pm -I postfix-out -e create config_directory=/etc/postfix-other queue_directory=/var/spool/postfix-other data_directory=/var/lib/postfix-other
pm -l
