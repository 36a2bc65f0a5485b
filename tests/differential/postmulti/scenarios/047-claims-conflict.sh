# A secondary whose queue_directory equals the primary's: fatal for every
# mode that loads the instances.
pm -e init
pm -I postfix-a -e create
postconf -c /etc/postfix-a -e queue_directory=/var/spool/postfix
pm -l
pm -x true
pm -I postfix-b -e create
postconf -c /etc/postfix-a -e queue_directory=/var/spool/postfix-a multi_instance_name=postfix-dup
postconf -e multi_instance_name=postfix-dup
pm -l
