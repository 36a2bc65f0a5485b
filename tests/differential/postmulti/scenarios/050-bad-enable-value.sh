# Unexpected multi_instance_enable values in a secondary.
pm -e init
pm -I postfix-a -e create
postconf -c /etc/postfix-a -e multi_instance_enable=YES
pm -l
postconf -c /etc/postfix-a -e multi_instance_enable=maybe
pm -l
postconf -c /etc/postfix-a -e multi_instance_enable=no
postconf -e multi_instance_enable=true
pm -l
pm -I postfix-b -e create
