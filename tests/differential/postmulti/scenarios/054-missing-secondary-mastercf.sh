# A listed secondary without master.cf: the postconf that postmulti runs to
# read it warns, on every command that loads the instances (and on import).
pm -e init
pm -I postfix-a -e create
pm -I postfix-b -e create
rm /etc/postfix-a/master.cf
pm -l
pm -x true
pm -i b -e enable
pm -e init
mkdir -p /etc/postfix-nm
printf 'queue_directory = /var/spool/postfix-nm\ndata_directory = /var/lib/postfix-nm\n' >/etc/postfix-nm/main.cf
pm -e import config_directory=/etc/postfix-nm
