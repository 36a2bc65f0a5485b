# create without -I: every directory must then be given.
pm -e init
pm -e create
pm -e create config_directory=/etc/postfix-anon
pm -e create config_directory=/etc/postfix-anon queue_directory=/var/spool/postfix-anon
pm -G anon -e create config_directory=/etc/postfix-anon queue_directory=/var/spool/postfix-anon data_directory=/var/lib/postfix-anon
pm -l
pm -i /etc/postfix-anon -l
