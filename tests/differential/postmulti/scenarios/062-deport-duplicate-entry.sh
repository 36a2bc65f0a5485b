# An instance listed twice in multi_instance_directories: postmulti loads it
# twice, and deport or destroy removes the first entry only (the instance
# stays listed).
pm -e init
pm -I postfix-a -e create
pm -I postfix-b -e create
postconf -e 'multi_instance_directories = /etc/postfix-a /etc/postfix-b /etc/postfix-a'
pm -l
pm -i a -e deport
postconf -h multi_instance_directories
postconf -e 'multi_instance_directories = /etc/postfix-a /etc/postfix-a /etc/postfix-b'
pm_notty -i a -e deport
postconf -h multi_instance_directories
pm -l
postconf -e 'multi_instance_directories = /etc/postfix-b /etc/postfix-a /etc/postfix-b'
pm -i b -e destroy
postconf -h multi_instance_directories
pm -l
