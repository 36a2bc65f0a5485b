# Import an instance that was created then deported.
pm -e init
pm -I postfix-a -G ga -e create
pm -i a -e deport
pm -l
postconf -n alternate_config_directories multi_instance_directories
pm -e import config_directory=/etc/postfix-a
pm -l
postconf -n alternate_config_directories multi_instance_directories
