# Directories already claimed by another instance.
pm -e init
pm -I postfix-out -e create
pm -I postfix-two -e create config_directory=/etc/postfix-out
pm -I postfix-two -e create config_directory=/etc/postfix
pm -I postfix-two -e create queue_directory=/var/spool/postfix-out
pm -I postfix-two -e create data_directory=/var/lib/postfix
pm -I postfix-two -e create queue_directory=/usr/sbin
pm -I postfix-two -e create data_directory=/usr/lib/postfix/sbin
pm -l
