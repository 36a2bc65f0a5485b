# deport moves the directory to alternate_config_directories; files stay.
pm -e init
pm -I postfix-a -e create
pm -I postfix-b -e create
pm -i a -e deport
pm -l
postconf -n multi_instance_directories alternate_config_directories
pm -i a -e deport
pm -i b -e deport
postconf -n multi_instance_directories alternate_config_directories
pm -l
