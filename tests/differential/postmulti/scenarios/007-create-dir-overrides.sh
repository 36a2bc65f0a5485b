# create with all three directories given explicitly, and with only some.
pm -e init
pm -I postfix-custom -e create config_directory=/etc/pfx/custom queue_directory=/var/spool/pfx-q data_directory=/var/lib/pfx-d
pm -I postfix-half -e create queue_directory=/var/spool/half-queue
pm -l
pm -x sh -c 'echo "$config_directory $queue_directory $data_directory"'
