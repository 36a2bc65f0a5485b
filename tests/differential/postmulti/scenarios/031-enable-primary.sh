# enable / disable the primary (-i -).
pm -e init
pm -I postfix-out -e create
pm -i - -e disable
pm -l
pm -x sh -c 'echo "$config_directory $multi_instance_enable"'
pm -i - -e enable
pm -l
