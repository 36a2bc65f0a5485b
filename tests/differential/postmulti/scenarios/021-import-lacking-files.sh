# Import of a directory without main.cf, or without master.cf, or missing.
pm -e init
mkdir -p /etc/postfix-nomain /etc/postfix-nomaster
cp /etc/postfix/master.cf /etc/postfix-nomain/
printf 'queue_directory = /var/spool/postfix-nomaster\ndata_directory = /var/lib/postfix-nomaster\n' >/etc/postfix-nomaster/main.cf
pm -e import config_directory=/etc/postfix-nomain
pm -e import config_directory=/etc/postfix-nomaster
pm -I postfix-missing -e import
pm -e import
pm -l
