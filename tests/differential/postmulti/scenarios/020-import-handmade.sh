# Import a hand-made configuration directory (main.cf + master.cf).
pm -e init
mkdir -p /etc/postfix-hand /var/spool/postfix-hand /var/lib/postfix-hand
cp /etc/postfix/master.cf /etc/postfix-hand/master.cf
printf '%s\n' 'queue_directory = /var/spool/postfix-hand' \
    'data_directory = /var/lib/postfix-hand' \
    'multi_instance_name = postfix-hand' 'multi_instance_group = hg' \
    'multi_instance_enable = yes' 'master_service_disable = inet' >/etc/postfix-hand/main.cf
pm -e import config_directory=/etc/postfix-hand
pm -l
pm -I postfix-hand2 -e import
