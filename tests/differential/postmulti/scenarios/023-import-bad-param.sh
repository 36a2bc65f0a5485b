# import accepts only config_directory=.
pm -e init
pm -I postfix-a -e create
pm -i a -e deport
pm -e import config_directory=/etc/postfix-a queue_directory=/var/spool/postfix-a
pm -e import data_directory=/var/lib/postfix-a
pm -e import config_directory=etc/postfix-a
pm -l
