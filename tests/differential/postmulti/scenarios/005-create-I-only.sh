# create with -I only: default directories derived from the primary's.
pm -e init
pm -I postfix-out -e create
pm -l
pm -x sh -c 'echo "$multi_instance_name|$multi_instance_group|$multi_instance_enable|$config_directory|$queue_directory|$data_directory"'
