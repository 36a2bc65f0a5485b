# destroy a fresh, disabled instance: everything is removed.
pm -e init
pm -I postfix-out -e create
pm -i out -e destroy
pm -l
postconf -n multi_instance_directories alternate_config_directories
