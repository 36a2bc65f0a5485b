# init again once secondaries exist, and with a listed secondary that is
# broken: init only looks at the primary.
pm -e init
pm -I postfix-a -e create
pm -e init
pm -l
postconf -e 'multi_instance_directories = /etc/postfix-a /etc/postfix-gone'
pm -e init
pm -l
