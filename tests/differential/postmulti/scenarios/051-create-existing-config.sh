# create where the config directory already holds main.cf and master.cf
# acts as an import (the files are kept as they are).
pm -e init
mkdir -p /etc/postfix-pre
cp /etc/postfix/master.cf /etc/postfix-pre/master.cf
printf '%s\n' 'queue_directory = /var/spool/postfix-pre' 'data_directory = /var/lib/postfix-pre' '# hand made' >/etc/postfix-pre/main.cf
pm -I postfix-pre -G pg -e create
pm -l
mkdir -p /etc/postfix-half
printf 'x = 1\n' >/etc/postfix-half/main.cf
pm -I postfix-half -e create
pm -l
