# Trailing slashes on path overrides are trimmed.
pm -e init
pm -I postfix-ts -e create config_directory=/etc/postfix-ts/ queue_directory=/var/spool/postfix-ts// data_directory=/var/lib/postfix-ts/
pm -l
pm -i /etc/postfix-ts -l
