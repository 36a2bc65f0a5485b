# multi_instance_directories split on commas and white space, in file order.
pm -e init
pm -I postfix-a -e create
pm -I postfix-b -e create
pm -I postfix-c -e create
postconf -e 'multi_instance_directories = /etc/postfix-c,/etc/postfix-a ,  /etc/postfix-b'
pm -l
pm -R -l
pm -I postfix-d -e create
postconf -h multi_instance_directories
pm -i a -e deport
postconf -h multi_instance_directories alternate_config_directories
